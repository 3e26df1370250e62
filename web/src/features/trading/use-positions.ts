// Live positions: holdings and every fill over REST, new fills merged from the fills channel, and last prices from the ticker channel of each symbol held.
import { useCallback, useMemo, useRef, useState } from 'react';
import { useApi } from '../../hooks/use-api.ts';
import { useChannels } from '../../hooks/use-channel.ts';
import { MAX_PAGE_SIZE } from '../../hooks/use-paged-list.ts';
import { api, type ApiError, type Fill, type FillEvent, type Holding, type Page, type Ticker } from '../../lib/api.ts';
import { signOf } from '../../lib/decimal.ts';
import { computePositions, type Position, type PositionFill } from './positions.ts';
import { useAccountReload } from './use-account-reload.ts';
import type { ReferenceData } from './use-reference-data.ts';

/** The cost basis reads at most this many pages of fills (the newest); `truncated` says when there were more. */
const MAX_FILL_PAGES = 40;
export const FILL_HISTORY_LIMIT = MAX_FILL_PAGES * MAX_PAGE_SIZE;

interface FillHistory {
  readonly fills: readonly PositionFill[];
  readonly truncated: boolean;
}

async function allFills(signal: AbortSignal): Promise<FillHistory> {
  const fills: Fill[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_FILL_PAGES; page++) {
    const answer: Page<Fill> = await api.get<Page<Fill>>('/api/v1/fills', { limit: MAX_PAGE_SIZE, cursor: cursor ?? undefined }, signal);
    fills.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === null) return { fills, truncated: false };
  }
  return { fills, truncated: true };
}

export interface LivePositions {
  readonly positions: readonly Position[] | undefined;
  readonly error: ApiError | undefined;
  readonly truncated: boolean;
  /** When the last price of any position last moved (epoch ms), for a "live" hint. */
  readonly pricedAt: number | undefined;
  readonly retry: () => void;
}

export function usePositions(reference: ReferenceData): LivePositions {
  const holdings = useApi((signal) => api.get<{ holdings: Holding[] }>('/api/v1/account/holdings', undefined, signal), []);
  const history = useApi(allFills, []);
  const { setData: setHistory, refetch: refetchHistory } = history;
  const { refetch: refetchHoldings } = holdings;
  const [prices, setPrices] = useState<ReadonlyMap<string, string>>(new Map());
  const [pricedAt, setPricedAt] = useState<number | undefined>(undefined);

  // A fill counts at once; the holdings it changed follow with the reload.
  useAccountReload(['fills', 'balances'], refetchHoldings, {
    onMessage: (message) => {
      const data = message.data as FillEvent;
      if (message.channel !== 'fills' || data.type !== 'fill') return;
      setHistory((current) => current && { ...current, fills: [...current.fills, data] });
    },
    onResync: () => void refetchHistory(),
  });

  const held = useMemo(() => (holdings.data?.holdings ?? []).filter((h) => signOf(h.qty) !== 0).map((h) => h.symbol), [holdings.data]);
  const channels = useMemo(() => held.map((symbol) => `ticker:${symbol}`), [held]);
  const seen = useRef(new Map<string, number>());
  const applyTicker = useCallback((ticker: Ticker) => {
    const last = ticker.lastPrice;
    // The newer ticker wins; a late one from before a reconnect is ignored.
    if (last === null || (seen.current.get(ticker.symbol) ?? 0) > ticker.time) return;
    seen.current.set(ticker.symbol, ticker.time);
    setPrices((current) => (current.get(ticker.symbol) === last ? current : new Map(current).set(ticker.symbol, last)));
    setPricedAt(Date.now());
  }, []);
  useChannels<Ticker>(channels, {
    onMessage: (message) => applyTicker(message.data),
    onResync: (reason) => {
      // Prices missed while the connection was down are read again.
      if (reason === 'subscribed') return;
      api.get<{ tickers: Ticker[] }>('/api/v1/tickers').then(({ tickers }) => tickers.forEach(applyTicker), () => undefined);
    },
  });

  const positions = useMemo(
    () => (holdings.data && history.data ? computePositions(reference.instruments, history.data.fills, holdings.data.holdings, prices) : undefined),
    [reference.instruments, holdings.data, history.data, prices],
  );
  return {
    positions,
    error: holdings.error ?? history.error,
    truncated: history.data?.truncated ?? false,
    pricedAt,
    retry: () => void Promise.all([refetchHoldings(), refetchHistory()]),
  };
}
