// Recent risk events of the account, newest first: kill switch trips and resets, and changes of limits; a page at a time.
import { useEffect, useRef } from 'react';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { usePagedList } from '../../hooks/use-paged-list.ts';
import { api, type Page, type RiskEvent } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { limitLabel, limitValueText, sourceText } from './risk-text.ts';

const KIND_TONES: Readonly<Record<RiskEvent['kind'], BadgeTone>> = { tripped: 'down', reset: 'up', limits: 'accent' };

export interface RiskEventsPanelProps {
  readonly currency: string;
  /** Changes whenever an event may have been added (a trip, a reset, saved limits): the list reloads. */
  readonly version: string;
}

export function RiskEventsPanel({ currency, version }: RiskEventsPanelProps) {
  const list = usePagedList<RiskEvent>(({ cursor, limit, signal }) => api.get<Page<RiskEvent>>('/api/v1/risk/events', { cursor, limit }, signal), [], 20);
  const { reload } = list;
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    void reload();
  }, [version, reload]);

  const columns: readonly Column<RiskEvent>[] = [
    { key: 'time', header: 'Time', hideOnMobile: true, cell: (e) => <span className="num text-muted">{formatDateTime(e.ts)}</span> },
    {
      key: 'kind',
      header: 'Event',
      cell: (e) => (
        <span className="flex flex-col items-start gap-0.5">
          <Badge tone={KIND_TONES[e.kind]}>{e.kind}</Badge>
          <span className="num text-xs text-muted sm:hidden">{formatDateTime(e.ts)}</span>
        </span>
      ),
    },
    { key: 'limit', header: 'Limit', hideOnMobile: true, cell: (e) => (e.limit ? limitLabel(e.limit) : '—') },
    {
      key: 'value',
      header: 'Value / limit',
      numeric: true,
      hideOnMobile: true,
      cell: (e) => (e.value === null ? '—' : `${limitValueText(e.limit, e.value, currency)} / ${limitValueText(e.limit, e.threshold, currency)}`),
    },
    { key: 'source', header: 'Layer', hideOnMobile: true, cell: (e) => (e.source ? sourceText(e.source) : '—') },
    { key: 'message', header: 'What happened', cell: (e) => <span className="text-xs wrap-anywhere sm:text-sm">{e.message}</span> },
  ];
  return (
    <Panel title="Recent risk events" flush>
      <ErrorBanner error={list.error} className="m-2" onRetry={() => void reload()} />
      <DataTable label="Risk events" columns={columns} rows={list.items} rowKey={(e) => e.id} loading={list.loading} empty="No risk events yet." />
      <LoadMore list={list} what="risk events" />
    </Panel>
  );
}
