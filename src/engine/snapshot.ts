// Snapshots: the whole engine state as plain JSON data, and the way back to a running engine.
import type { TradingStatus } from '../core/commands.ts';
import type { AssetSpec, Instrument, InstrumentSpec } from '../core/instrument.ts';
import { resolveInstrument } from '../core/instrument.ts';
import type { OrderState } from '../core/events.ts';
import type { OrderType, Side, StpMode, TimeInForce } from '../core/orders.ts';
import { NO_ORDER, type OrderBook } from './book/order-book.ts';
import type { EngineState } from './engine-state.ts';
import type { RiskLimits } from './order-checks.ts';
import { createLiveOrder, linkToAccount, liveReservations, type Group, type LiveOrder, type Reservation } from './state.ts';

export const SNAPSHOT_VERSION = 1;

export interface OrderRecord {
  readonly id: number;
  readonly accountId: number;
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly execType: LiveOrder['execType'];
  readonly tif: TimeInForce;
  readonly qty: number;
  readonly filled: number;
  readonly price: number;
  readonly stopPrice: number;
  readonly trailAmount: number;
  readonly trailBps: number;
  readonly extreme: number;
  readonly expireAt: number;
  readonly postOnly: boolean;
  readonly stp: StpMode;
  readonly state: OrderState;
  readonly reservationId: number;
  readonly groupId: number;
  readonly parentId: number;
}

export interface EngineSnapshot {
  readonly version: number;
  readonly eventSeq: number;
  readonly ts: number;
  readonly nextOrderId: number;
  readonly nextTradeId: number;
  readonly assets: readonly AssetSpec[];
  /** Books as order ids in priority order; the orders themselves are in `orders`. */
  /**
   * `status` and `statusReason` only when not the defaults ('trading', ''): snapshots written
   * before trading statuses existed have neither and load as trading, and a snapshot of markets
   * that all trade is what it was before.
   */
  readonly markets: ReadonlyArray<{ spec: InstrumentSpec; lastPrice: number; bids: number[]; asks: number[]; status?: TradingStatus; statusReason?: string }>;
  readonly accounts: ReadonlyArray<{ id: number; balances: Array<[string, number, number]> }>;
  readonly supply: ReadonlyArray<[string, number]>;
  /** Reservations by id; an order whose reservationId is its own id is its own reservation. */
  readonly reservations: ReadonlyArray<{ id: number; accountId: number; asset: string; held: number; holders: number }>;
  readonly orders: readonly OrderRecord[];
  readonly clientOrderIds: ReadonlyArray<[string, number]>;
  readonly groups: readonly Group[];
  readonly riskLimits: ReadonlyArray<[number, string, RiskLimits]>;
}

export function snapshotState(s: EngineState): EngineSnapshot {
  if (s.pending.length > 0) throw new Error('snapshot taken in the middle of a command');
  return {
    version: SNAPSHOT_VERSION,
    eventSeq: s.log.seq,
    ts: s.log.ts,
    nextOrderId: s.nextOrderId,
    nextTradeId: s.nextTradeId,
    assets: [...s.assets.values()],
    markets: [...s.markets.values()].map((market) => ({
      spec: market.instrument.spec,
      lastPrice: market.lastPrice,
      bids: idsInPriority(market.book, 'buy'),
      asks: idsInPriority(market.book, 'sell'),
      ...(market.status === 'trading' ? {} : { status: market.status }),
      ...(market.statusReason === '' ? {} : { statusReason: market.statusReason }),
    })),
    accounts: [...s.clearing.accounts.values()].map((account) => ({
      id: account.id,
      balances: [...account.balances].map(([asset, b]): [string, number, number] => [asset, b.available, b.held]),
    })),
    supply: [...s.clearing.supply],
    reservations: liveReservations(s.orders.sortedValues()).map((r) => ({ id: r.id, accountId: r.heldFrom.accountId, asset: r.heldFrom.asset, held: r.held, holders: r.holders })),
    orders: s.orders.sortedValues().map(toRecord),
    clientOrderIds: [...s.clientOrderIds],
    groups: [...s.groups.values()].map((g) => ({ ...g, legs: [...g.legs] })),
    riskLimits: [...s.riskLimits].flatMap(([accountId, perSymbol]) => [...perSymbol].map(([symbol, limits]): [number, string, RiskLimits] => [accountId, symbol, { ...limits }])),
  };
}

function idsInPriority(book: OrderBook, side: Side): number[] {
  const ids: number[] = [];
  for (let h = book.head(side); h !== NO_ORDER; h = book.next(h)) ids.push(book.orderIdAt(h));
  return ids;
}

function toRecord(order: LiveOrder): OrderRecord {
  const { market, reservation, trail, account: _account, prevInAccount: _prev, nextInAccount: _next, heldFrom: _from, held: _held, holders: _holders, ...rest } = order;
  return {
    ...rest,
    clientOrderId: order.clientOrderId,
    symbol: market.instrument.symbol,
    reservationId: reservation?.id ?? 0,
    trailAmount: trail?.amount ?? 0,
    trailBps: trail?.bps ?? 0,
    extreme: trail?.extreme ?? 0,
  };
}

/** Rebuilds `s` (fresh) from a snapshot; `list` creates each market with its book. */
export function restoreState(s: EngineState, snapshot: EngineSnapshot, list: (instrument: Instrument, lastPrice: number) => void): void {
  if (snapshot.version !== SNAPSHOT_VERSION) throw new Error(`unsupported snapshot version ${snapshot.version}`);
  s.log.seq = snapshot.eventSeq;
  s.log.ts = snapshot.ts;
  s.nextOrderId = snapshot.nextOrderId;
  s.nextTradeId = snapshot.nextTradeId;
  for (const asset of snapshot.assets) {
    s.assets.set(asset.code, { ...asset });
    s.clearing.registerAsset(asset.code);
  }
  for (const entry of snapshot.markets) {
    const resolved = resolveInstrument(entry.spec, (code) => s.assets.get(code)?.scale);
    if (!resolved.ok) throw new Error(`snapshot instrument ${entry.spec.symbol}: ${resolved.message}`);
    list(resolved.instrument, entry.lastPrice);
    const market = s.markets.get(entry.spec.symbol)!;
    market.status = entry.status ?? 'trading';
    market.statusReason = entry.statusReason ?? '';
  }
  for (const account of snapshot.accounts) {
    const restored = s.clearing.accounts.get(account.id) ?? s.clearing.open(account.id);
    for (const [asset, available, held] of account.balances) {
      // Update in place: markets already hold the fee account's balance objects.
      const balance = s.clearing.balance(restored.id, asset);
      balance.available = available;
      balance.held = held;
    }
  }
  for (const [asset, amount] of snapshot.supply) s.clearing.supply.set(asset, amount);
  const ownReservation = new Set(snapshot.orders.filter((o) => o.reservationId === o.id).map((o) => o.id));
  const shared = new Map<number, Reservation>();
  const saved = new Map(snapshot.reservations.map((r) => [r.id, r]));
  for (const r of snapshot.reservations) if (!ownReservation.has(r.id)) shared.set(r.id, { id: r.id, heldFrom: s.clearing.balance(r.accountId, r.asset), held: r.held, holders: r.holders });
  for (const record of snapshot.orders) {
    const { symbol, reservationId, trailAmount, trailBps, extreme, ...rest } = record;
    const market = s.markets.get(symbol);
    const account = s.clearing.accounts.get(record.accountId);
    if (!market || !account) throw new Error(`snapshot order ${record.id} names an unknown market or account`);
    const own = reservationId === record.id ? saved.get(reservationId) : undefined;
    const baseBalance = s.clearing.balance(record.accountId, market.instrument.base);
    const quoteBalance = s.clearing.balance(record.accountId, market.instrument.quote);
    const order = createLiveOrder({
      ...rest,
      heldFrom: record.side === 'buy' ? quoteBalance : baseBalance,
      trail: record.type === 'trailing_stop' ? { amount: trailAmount, bps: trailBps, extreme } : undefined,
      held: own?.held ?? 0,
      holders: own?.holders ?? 0,
      clientOrderId: record.clientOrderId,
      market,
      account,
      reservation: undefined,
    });
    s.orders.set(order.id, order);
    order.reservation = own ? order : shared.get(reservationId);
    linkToAccount(order);
    if (order.state === 'untriggered') order.market.stops.add(order);
    if (order.tif === 'gtd') {
      s.expiries.push(order.expireAt, order.id);
      s.liveGtd++;
    }
  }
  for (const entry of snapshot.markets) {
    const market = s.markets.get(entry.spec.symbol)!;
    for (const id of [...entry.bids, ...entry.asks]) {
      const order = s.orders.get(id)!;
      market.book.add(id, order.accountId, order.side, order.price, order.qty - order.filled);
    }
  }
  for (const [key, id] of snapshot.clientOrderIds) s.clientOrderIds.set(key, id);
  for (const group of snapshot.groups) s.groups.set(group.id, { ...group, legs: [...group.legs] });
  for (const [accountId, symbol, limits] of snapshot.riskLimits) {
    let perAccount = s.riskLimits.get(accountId);
    if (!perAccount) s.riskLimits.set(accountId, (perAccount = new Map<string, RiskLimits>()));
    perAccount.set(symbol, { ...limits });
  }
}
