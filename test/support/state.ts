// What a client can see of the platform, captured over REST, so a restart can be compared with what came before.
import { expect, type ExpectStatic } from 'vitest';
import { Api } from './http-client.ts';
import type { BalanceView, BookView, CandleView, FillView, HoldingView, LedgerView, OrderView, TickerView, TradeView } from './views.ts';

export interface AccountState {
  readonly balances: BalanceView[];
  readonly holdings: HoldingView[];
  readonly orders: OrderView[];
  readonly fills: FillView[];
  readonly ledger: LedgerView[];
}

/** The same credentials against another address (the port changes when a platform restarts on port 0). */
export function rebind(api: Api, url: string): Api {
  return new Api(url, api.credentials);
}

export async function accountState(api: Api): Promise<AccountState> {
  return {
    balances: await api.balances(),
    holdings: await api.holdings(),
    orders: await api.all<OrderView>('/api/v1/orders'),
    fills: await api.all<FillView>('/api/v1/fills'),
    ledger: await api.all<LedgerView>('/api/v1/account/ledger'),
  };
}

export interface MarketState {
  readonly book: Omit<BookView, 'seq'>;
  readonly trades: TradeView[];
  readonly ticker: Omit<TickerView, 'time'> | null;
  readonly candles: Record<string, CandleView[]>;
}

/** Book levels (their seq restarts with the process), the tape, the ticker (but its clock) and candles. */
export async function marketState(api: Api, symbol: string): Promise<MarketState> {
  const { seq: _seq, ...book } = await api.book(symbol);
  const { ticker } = await api.get<{ ticker: TickerView | null }>(`/api/v1/markets/${symbol}/ticker`);
  const candles: Record<string, CandleView[]> = {};
  for (const interval of ['1s', '1m', '1h', '1d']) candles[interval] = await api.all<CandleView>(`/api/v1/markets/${symbol}/candles`, { interval });
  const trades = (await api.get<{ trades: TradeView[] }>(`/api/v1/markets/${symbol}/trades`)).trades;
  const { time: _time, ...rest } = ticker ?? ({} as TickerView);
  return { book, trades, ticker: ticker ? rest : null, candles };
}

/**
 * Every asset's balance equals its newest ledger entry and the sum of all its ledger deltas (in minor
 * units), asserted with `check`: a test that runs concurrently passes its own context's `expect`.
 */
export function expectLedgerMatchesBalances(state: AccountState, scale: (asset: string) => number, check: ExpectStatic = expect): void {
  const units = (text: string, asset: string) => Math.round(Number(text) * 10 ** scale(asset));
  for (const balance of state.balances) {
    const entries = state.ledger.filter((e) => e.asset === balance.asset);
    // The engine may list an asset an order touched but never moved: zero, with no ledger entry.
    if (entries.length === 0) check(balance.total, `balance of ${balance.asset} without ledger entries`).toBe('0');
    else check(entries[0], `newest ledger entry of ${balance.asset}`).toMatchObject({ available: balance.available, held: balance.held });
    const sum = entries.reduce((total, e) => total + units(e.deltaAvailable, e.asset) + units(e.deltaHeld, e.asset), 0);
    check(sum, `ledger sum of ${balance.asset}`).toBe(units(balance.total, balance.asset));
  }
}
