// Bots screen (/bots): your bots (admins: every bot) with live status, polled; create, configure, start, stop and delete them.
import { useCallback, useMemo, useState } from 'react';
import { Button } from '../components/button.tsx';
import { Panel } from '../components/card.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Checkbox } from '../components/fields.tsx';
import { Page } from '../components/page.tsx';
import { useToast } from '../components/toasts.tsx';
import { BotDetail } from '../features/bots/bot-detail.tsx';
import { BotFormDialog } from '../features/bots/bot-form-dialog.tsx';
import { BotsTable } from '../features/bots/bots-table.tsx';
import { useBots, type NewBot } from '../features/bots/use-bots.ts';
import { useApi } from '../hooks/use-api.ts';
import { useAuth } from '../hooks/use-auth.tsx';
import { useNow } from '../hooks/use-polling.ts';
import { api, type Bot, type Instrument, type StrategyInfo } from '../lib/api.ts';

export function BotsPage() {
  const { user, isAdmin } = useAuth();
  const toast = useToast();
  const now = useNow(1_000);
  const { rows, error, loading, refresh, actions } = useBots();
  const strategies = useApi((signal) => api.get<{ strategies: StrategyInfo[] }>('/api/v1/bots/strategies', undefined, signal), []);
  const instruments = useApi((signal) => api.get<{ instruments: Instrument[] }>('/api/v1/instruments', undefined, signal), []);

  const [onlyMine, setOnlyMine] = useState(false);
  const [creating, setCreating] = useState(false);
  const [configuringId, setConfiguringId] = useState<number | undefined>(undefined);
  const [deleting, setDeleting] = useState<Bot | undefined>(undefined);
  const [detailId, setDetailId] = useState<number | undefined>(undefined);

  const shown = useMemo(() => (isAdmin && onlyMine ? rows.filter((row) => row.bot.ownerUserId === user?.id) : rows), [rows, isAdmin, onlyMine, user]);
  const find = (id: number | undefined) => (id === undefined ? undefined : rows.find((row) => row.bot.id === id));
  const detail = find(detailId);
  const configuring = find(configuringId)?.bot;
  const strategyList = strategies.data?.strategies ?? [];
  const instrumentList = instruments.data?.instruments ?? [];
  const running = rows.filter((row) => row.bot.state === 'running').length;

  const ownerName = useCallback((bot: Bot) => (bot.ownerUserId === user?.id ? 'you' : bot.ownerUsername), [user]);
  const onStart = useCallback((bot: Bot) => actions.start(bot.id), [actions]);
  const onStop = useCallback((bot: Bot) => actions.stop(bot.id), [actions]);
  const onConfigure = useCallback((bot: Bot) => setConfiguringId(bot.id), []);
  const onDelete = useCallback((bot: Bot) => setDeleting(bot), []);
  const onOpen = useCallback((bot: Bot) => setDetailId(bot.id), []);
  const onCreate = useCallback(
    async (input: NewBot) => {
      await actions.create(input);
      toast.show(`Bot ${input.name} created${input.start ? ' and started' : ''}.`, 'success');
    },
    [actions, toast],
  );
  const confirmDelete = useCallback(async () => {
    if (!deleting) return;
    await actions.remove(deleting.id);
    if (detailId === deleting.id) setDetailId(undefined);
    toast.show(`Bot ${deleting.name} deleted.`, 'success');
  }, [actions, deleting, detailId, toast]);

  return (
    <Page
      title="Bots"
      actions={
        <Button onClick={() => setCreating(true)} disabled={strategyList.length === 0 || instrumentList.length === 0}>
          New bot
        </Button>
      }
    >
      <ErrorBanner error={error ?? strategies.error ?? instruments.error} onRetry={() => void Promise.all([refresh(), strategies.refetch(), instruments.refetch()])} />
      <Panel
        flush
        title={
          <span>
            {isAdmin ? 'Every bot' : 'Your bots'} <span className="num font-normal text-muted">({rows.length}, {running} running)</span>
          </span>
        }
        actions={isAdmin && <Checkbox label="Only mine" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} />}
      >
        <BotsTable
          rows={shown}
          loading={loading}
          now={now}
          showOwner={isAdmin}
          ownerName={ownerName}
          onOpen={onOpen}
          onStart={onStart}
          onStop={onStop}
          onConfigure={onConfigure}
          onDelete={onDelete}
        />
      </Panel>
      <p className="text-xs text-muted">
        Status refreshes every 2 s. Orders/s is averaged over 10 s; P&amp;L counts from the bot&apos;s latest start; equity and return come from the leaderboard.
      </p>

      <BotFormDialog mode="create" open={creating} onClose={() => setCreating(false)} strategies={strategyList} instruments={instrumentList} onCreate={onCreate} />
      {configuring && (
        <BotFormDialog
          mode="configure"
          open
          bot={configuring}
          onClose={() => setConfiguringId(undefined)}
          strategies={strategyList}
          instruments={instrumentList}
          onConfigure={async (id, changes) => {
            await actions.configure(id, changes);
            toast.show(`Bot ${configuring.name} updated.`, 'success');
          }}
        />
      )}
      <BotDetail
        bot={detail?.bot}
        standing={detail?.standing}
        strategy={strategyList.find((s) => s.name === detail?.bot.strategy)}
        now={now}
        onClose={() => setDetailId(undefined)}
        onStart={onStart}
        onStop={onStop}
        onConfigure={onConfigure}
        onDelete={onDelete}
      />
      <ConfirmDialog open={deleting !== undefined} title={`Delete bot ${deleting?.name ?? ''}`} confirmLabel="Delete bot" onConfirm={confirmDelete} onClose={() => setDeleting(undefined)}>
        <p>
          The bot stops and is deleted. Its account stays, with whatever it holds, and keeps its place on the leaderboard.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
