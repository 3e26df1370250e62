// Backtests screen (/backtests): set up and start a backtest or an optimization, follow its progress, read its results, and reopen earlier runs.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Panel } from '../components/card.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Page } from '../components/page.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useToast } from '../components/toasts.tsx';
import { BacktestResults } from '../features/backtests/backtest-results.tsx';
import { isActive, type BacktestStrategy, type DataCatalog, type ParamPoint, type Run, type RunKind } from '../features/backtests/backtest-types.ts';
import { OptimizationResults } from '../features/backtests/optimization-results.tsx';
import { instrumentOf } from '../features/backtests/run-form.ts';
import { RunFormPanel } from '../features/backtests/run-form-panel.tsx';
import { RunProgress } from '../features/backtests/run-progress.tsx';
import { RunsList } from '../features/backtests/runs-list.tsx';
import { useBacktestForm } from '../features/backtests/use-backtest-form.ts';
import { useRun, useRunList, type RunRef } from '../features/backtests/use-runs.ts';
import { useApi } from '../hooks/use-api.ts';
import { useNow } from '../hooks/use-polling.ts';
import { api } from '../lib/api.ts';

const RUN_PARAM = 'run';

/** "backtest-3" <-> { kind: 'backtest', id: 3 }: the open run lives in the address, so a reload keeps it. */
function parseRef(text: string | null): RunRef | undefined {
  const match = /^(backtest|optimization)-(\d+)$/.exec(text ?? '');
  return match ? { kind: match[1] as RunKind, id: Number(match[2]) } : undefined;
}

/** Brings a part of the screen into view unless its top is already in the upper half of the window. */
function scrollToId(id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  const top = element.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight / 2) element.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

export function BacktestsPage() {
  const toast = useToast();
  const now = useNow(5_000);
  const strategies = useApi((signal) => api.get<{ strategies: BacktestStrategy[] }>('/api/v1/backtests/strategies', undefined, signal), []);
  const catalog = useApi((signal) => api.get<DataCatalog>('/api/v1/backtests/data', undefined, signal), []);
  const formState = useBacktestForm(catalog.data, strategies.data?.strategies);
  const list = useRunList();

  const [search, setSearch] = useSearchParams();
  const runParam = search.get(RUN_PARAM);
  const selected = useMemo(() => parseRef(runParam), [runParam]);
  /** Set when a run is opened here: the view scrolls to it once it has loaded (and has its height). */
  const scrollPending = useRef(false);
  const open = useCallback(
    (ref: RunRef) => {
      scrollPending.current = true;
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          next.set(RUN_PARAM, `${ref.kind}-${ref.id}`);
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const { refetch: refetchList } = list;
  const onEnd = useCallback(
    (run: Run) => {
      void refetchList();
      const what = `${run.kind === 'backtest' ? 'Backtest' : 'Optimization'} #${run.id}`;
      if (run.status === 'done') toast.show(`${what} finished.`, 'success');
      else if (run.status === 'failed') toast.show(`${what} failed.`, 'error');
    },
    [refetchList, toast],
  );
  const current = useRun(selected, onEnd);
  const run = current.run;
  useEffect(() => {
    if (!scrollPending.current || !run || run.kind !== selected?.kind || run.id !== selected.id) return;
    scrollPending.current = false;
    requestAnimationFrame(() => scrollToId('run-view'));
  }, [run, selected]);

  const onStarted = useCallback(
    (started: Run) => {
      void refetchList();
      open({ kind: started.kind, id: started.id });
    },
    [refetchList, open],
  );

  const { load } = formState;
  const edit = useCallback(
    (source: Run, params?: ParamPoint) => {
      load(source, params);
      requestAnimationFrame(() => scrollToId('run-form'));
      if (params) toast.show('Params loaded into the run form.', 'info');
    },
    [load, toast],
  );

  const loadError = strategies.error ?? catalog.error;
  return (
    <Page title="Backtests">
      <ErrorBanner error={loadError} onRetry={() => void Promise.all([strategies.refetch(), catalog.refetch()])} />
      <div className="grid items-start gap-3 lg:grid-cols-[22rem_minmax(0,1fr)] 2xl:grid-cols-[27rem_minmax(0,1fr)]">
        <div id="run-form" className="min-w-0 scroll-mt-14 lg:sticky lg:top-14 lg:max-h-[calc(100vh-4.25rem)] lg:overflow-y-auto lg:rounded-md">
          {catalog.data && strategies.data ? (
            <RunFormPanel catalog={catalog.data} strategies={strategies.data.strategies} state={formState} onStarted={onStarted} />
          ) : (
            !loadError && (
              <Panel title="Run">
                <Spinner label="Loading strategies and data" />
              </Panel>
            )
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-3">
          <Panel title="Your runs" flush>
            <ErrorBanner error={list.error} className="m-2" onRetry={() => void list.refetch()} />
            <div className="max-h-72 overflow-y-auto">
              <RunsList runs={list.data} loading={list.loading} selected={selected} onOpen={open} now={now} />
            </div>
            <p className="border-t border-line px-3 py-1.5 text-xs text-muted">Runs are kept in the server&apos;s memory: the last 20 of each kind, until it restarts. An optimization shows its best trial&apos;s figures.</p>
          </Panel>
          <div id="run-view" className="order-first flex min-w-0 scroll-mt-14 flex-col gap-3 lg:order-none">
            {selected && <RunView run={run} loading={current.loading} error={current.error} onCancel={current.cancel} onEdit={edit} catalog={catalog.data} />}
            {!selected && <p className="px-1 text-sm text-muted">Start a run, or open one of your runs, to see its results here.</p>}
          </div>
        </div>
      </div>
    </Page>
  );
}

interface RunViewProps {
  readonly run: Run | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  readonly onCancel: () => Promise<void>;
  readonly onEdit: (run: Run, params?: ParamPoint) => void;
  readonly catalog: DataCatalog | undefined;
}

function RunView({ run, loading, error, onCancel, onEdit, catalog }: RunViewProps) {
  if (error) return <ErrorBanner error={error} />;
  if (!run) return loading ? <Spinner label="Loading the run" /> : null;
  if (isActive(run)) {
    return (
      <Panel title="Progress">
        <RunProgress run={run} onCancel={onCancel} />
      </Panel>
    );
  }
  const what = `${run.kind === 'backtest' ? 'Backtest' : 'Optimization'} #${run.id}`;
  if (run.status === 'failed') return <ErrorBanner error={`${what} failed: ${run.error ?? 'no reason given'}`} />;
  if (run.status === 'cancelled') return <p className="rounded border border-warn/40 bg-warn/10 px-3 py-2 text-sm">{what} was cancelled{run.error ? `: ${run.error}` : ''}.</p>;
  if (!run.result) return <Spinner label="Loading the results" />;
  return run.kind === 'backtest' ? (
    <BacktestResults run={run} result={run.result} instrument={catalog ? instrumentOf(catalog, run.symbol) : undefined} onEdit={() => onEdit(run)} />
  ) : (
    <OptimizationResults run={run} result={run.result} onEdit={() => onEdit(run)} onUseParams={(params) => onEdit(run, params)} />
  );
}
