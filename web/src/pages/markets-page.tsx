// Markets screen (/): every listed instrument with its live 24h ticker (REST once, then the ticker:SYM channels).
import { useCallback, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Page } from '../components/page.tsx';
import { Panel } from '../components/card.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useChannels } from '../hooks/use-channel.ts';
import { api, type Instrument, type Ticker } from '../lib/api.ts';
import { formatCompact, formatPercent, formatPrice, trendClass } from '../lib/format.ts';

interface MarketRow {
  readonly instrument: Instrument;
  readonly ticker: Ticker | undefined;
}

export function MarketsPage() {
  const navigate = useNavigate();
  const instruments = useApi((signal) => api.get<{ instruments: Instrument[] }>('/api/v1/instruments', undefined, signal), []);
  const tickers = useApi(async (signal) => {
    const { tickers: list } = await api.get<{ tickers: Ticker[] }>('/api/v1/tickers', undefined, signal);
    return new Map(list.map((ticker) => [ticker.symbol, ticker]));
  }, []);
  const { setData: setTickers, refetch: refetchTickers } = tickers;

  const symbols = useMemo(() => instruments.data?.instruments.map((i) => i.symbol) ?? [], [instruments.data]);
  const channels = useMemo(() => symbols.map((symbol) => `ticker:${symbol}`), [symbols]);
  useChannels<Ticker>(channels, {
    onMessage: useCallback(
      (message: { data: Ticker }) => setTickers((current) => new Map(current).set(message.data.symbol, message.data)),
      [setTickers],
    ),
    onResync: (reason) => {
      // The first load already ran; after a drop the tickers are read again.
      if (reason !== 'subscribed') void refetchTickers();
    },
  });

  const rows = useMemo<MarketRow[]>(() => (instruments.data?.instruments ?? []).map((instrument) => ({ instrument, ticker: tickers.data?.get(instrument.symbol) })), [instruments.data, tickers.data]);

  return (
    <Page title="Markets">
      <ErrorBanner error={instruments.error ?? tickers.error} onRetry={() => void Promise.all([instruments.refetch(), tickers.refetch()])} />
      <Panel flush>
        <DataTable
          label="Markets"
          columns={COLUMNS}
          rows={rows}
          rowKey={(row) => row.instrument.symbol}
          loading={instruments.loading}
          empty="No instruments are listed."
          onRowClick={(row) => void navigate(`/markets/${encodeURIComponent(row.instrument.symbol)}`)}
        />
      </Panel>
    </Page>
  );
}

const COLUMNS: readonly Column<MarketRow>[] = [
  {
    key: 'symbol',
    header: 'Symbol',
    cell: ({ instrument }) => (
      <span>
        {/* A real link, so the list works from the keyboard; the whole row is also clickable. */}
        <Link to={`/markets/${encodeURIComponent(instrument.symbol)}`} className="font-semibold hover:underline focus-visible:underline" onClick={(event) => event.stopPropagation()}>
          {instrument.symbol}
        </Link>
        <span className="ml-2 hidden text-xs text-muted sm:inline">
          {instrument.base}/{instrument.quote}
        </span>
      </span>
    ),
  },
  {
    key: 'last',
    header: 'Last',
    numeric: true,
    cell: ({ instrument, ticker }) => <span className={trendClass(ticker?.change)}>{formatPrice(ticker?.lastPrice ?? instrument.lastPrice, instrument.tickSize)}</span>,
  },
  {
    key: 'change',
    header: '24h %',
    numeric: true,
    cell: ({ ticker }) => <span className={trendClass(ticker?.changePercent)}>{formatPercent(ticker?.changePercent)}</span>,
  },
  { key: 'high', header: '24h high', numeric: true, hideOnMobile: true, cell: ({ instrument, ticker }) => formatPrice(ticker?.high, instrument.tickSize) },
  { key: 'low', header: '24h low', numeric: true, hideOnMobile: true, cell: ({ instrument, ticker }) => formatPrice(ticker?.low, instrument.tickSize) },
  { key: 'bid', header: 'Bid', numeric: true, hideOnMobile: true, cell: ({ instrument, ticker }) => <span className="text-up">{formatPrice(ticker?.bidPrice, instrument.tickSize)}</span> },
  { key: 'ask', header: 'Ask', numeric: true, hideOnMobile: true, cell: ({ instrument, ticker }) => <span className="text-down">{formatPrice(ticker?.askPrice, instrument.tickSize)}</span> },
  { key: 'volume', header: '24h volume', numeric: true, cell: ({ instrument, ticker }) => (ticker ? `${formatCompact(ticker.quoteVolume)} ${instrument.quote}` : '—') },
];
