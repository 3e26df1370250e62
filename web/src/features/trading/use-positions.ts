// Live positions: the server's positions (average cost over every fill), reloaded on fills and balance changes, and revalued at each held symbol's ticker.
import { useCallback, useMemo, useRef, useState } from 'react';
import { useApi } from '../../hooks/use-api.ts';
import { useChannels } from '../../hooks/use-channel.ts';
import { api, type ApiError, type Position, type Ticker } from '../../lib/api.ts';
import { signOf } from '../../lib/decimal.ts';
import { byOpenThenSymbol, revalue } from './positions.ts';
import { useAccountReload } from './use-account-reload.ts';

export interface LivePositions {
  readonly positions: readonly Position[] | undefined;
  readonly error: ApiError | undefined;
  /** When the last price of any position last moved (epoch ms), for a "live" hint. */
  readonly pricedAt: number | undefined;
  readonly retry: () => void;
}

export function usePositions(): LivePositions {
  const reported = useApi((signal) => api.get<{ positions: Position[] }>('/api/v1/account/positions', undefined, signal), []);
  const { refetch } = reported;
  const [prices, setPrices] = useState<ReadonlyMap<string, string>>(new Map());
  const [pricedAt, setPricedAt] = useState<number | undefined>(undefined);
  useAccountReload(['fills', 'balances'], refetch);

  const held = useMemo(() => (reported.data?.positions ?? []).filter((p) => signOf(p.qty) !== 0).map((p) => p.symbol), [reported.data]);
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

  const positions = useMemo(() => reported.data && byOpenThenSymbol(reported.data.positions.map((p) => revalue(p, prices.get(p.symbol)))), [reported.data, prices]);
  return { positions, error: reported.error, pricedAt, retry: () => void refetch() };
}
