// Taker execution: price-time matching against the book, self-trade prevention, settlement of each trade.
import { bpsOf } from '../core/limits.ts';
import { opposite } from '../core/orders.ts';
import type { ReasonCode } from '../core/reasons.ts';
import { NO_ORDER, type Handle } from './book/order-book.ts';
import type { EngineState } from './engine-state.ts';
import { marketEdge } from './holds.ts';
import { fill } from './hot-events.ts';
import { queueTriggers, reduceSiblings, retire } from './lifecycle.ts';
import { setLastPrice, type LiveOrder } from './state.ts';

/**
 * Runs an incoming order: matches it as a taker up to its worst price (its limit, or the band edge
 * for market orders), then rests what is left of a GTC/DAY/GTD limit order and cancels the rest of
 * anything else with a reason.
 */
export function execute(s: EngineState, order: LiveOrder): void {
  const market = order.market;
  const limit = order.execType === 'limit' ? order.price : marketEdge(market, order.side, market.lastPrice);
  if (order.tif === 'fok' && !canFillCompletely(s, order, limit)) {
    retire(s, order, 'cancelled', 'FOK_UNFILLABLE');
    return;
  }
  const stopped = match(s, order, limit);
  if (!s.orders.has(order.id)) return;
  const reason: ReasonCode | undefined =
    stopped !== undefined ? stopped : order.execType === 'market' ? 'NO_LIQUIDITY' : order.tif === 'ioc' || order.tif === 'fok' ? 'IOC_UNFILLED' : undefined;
  if (reason) {
    retire(s, order, 'cancelled', reason);
    return;
  }
  order.state = 'open';
  market.book.add(order.id, order.accountId, order.side, order.price, order.qty - order.filled);
}

/** Whether the order's whole quantity can trade now at `limit` or better, with no side effects. */
function canFillCompletely(s: EngineState, order: LiveOrder, limit: number): boolean {
  const book = order.market.book;
  const buying = order.side === 'buy';
  let needed = order.qty - order.filled;
  for (let h = book.head(opposite(order.side)); h !== NO_ORDER; h = book.next(h)) {
    const price = book.priceAt(h);
    if (buying ? price > limit : price < limit) return false;
    if (book.accountIdAt(h) === order.accountId) {
      if (order.stp === 'cancel_oldest') continue;
      return false;
    }
    needed -= book.qtyAt(h);
    if (needed <= 0) return true;
  }
  return false;
}

/** Matches until the order is filled, the book runs out at `limit`, or self-trade prevention stops it. */
function match(s: EngineState, taker: LiveOrder, limit: number): ReasonCode | undefined {
  const book = taker.market.book;
  const makerSide = opposite(taker.side);
  const buying = taker.side === 'buy';
  // A taker leaves the live set during this loop only by filling completely (its OCO siblings rest
  // on its own side and never trade against it), so the quantity test is the whole exit condition.
  while (taker.filled < taker.qty) {
    const h = book.head(makerSide);
    if (h === NO_ORDER) return undefined;
    const price = book.priceAt(h);
    if (buying ? price > limit : price < limit) return undefined;
    const maker = s.orders.get(book.orderIdAt(h));
    if (!maker) throw new Error(`resting order ${book.orderIdAt(h)} is not live`);
    if (maker.accountId === taker.accountId) {
      if (taker.stp === 'cancel_newest') return 'SELF_TRADE_PREVENTED';
      retire(s, maker, 'cancelled', 'SELF_TRADE_PREVENTED');
      if (taker.stp === 'cancel_both') return 'SELF_TRADE_PREVENTED';
      continue;
    }
    trade(s, taker, maker, h, price, Math.min(taker.qty - taker.filled, book.qtyAt(h)));
  }
  return undefined;
}

/** One trade between a taker and the resting maker at `handle`; settles cash, shares and fees. */
function trade(s: EngineState, taker: LiveOrder, maker: LiveOrder, handle: Handle, price: number, qty: number): void {
  const market = taker.market;
  const instrument = market.instrument;
  const tradeId = s.nextTradeId++;
  const value = price * qty * instrument.notionalPerTickLot;
  const takerFee = bpsOf(value, instrument.takerFeeBps);
  const makerFee = bpsOf(value, instrument.makerFeeBps);
  market.book.fill(handle, qty);
  taker.filled += qty;
  maker.filled += qty;
  setLastPrice(market, price);
  // Every print counts for stops, not only the last of a sweep; queuing changes no book.
  queueTriggers(s, market);
  pushFill(s, taker, maker, 'taker', price, qty, takerFee, tradeId);
  pushFill(s, maker, taker, 'maker', price, qty, makerFee, tradeId);
  const buyer = taker.side === 'buy' ? taker : maker;
  const seller = taker.side === 'buy' ? maker : taker;
  const buyerFee = taker.side === 'buy' ? takerFee : makerFee;
  const sellerFee = taker.side === 'buy' ? makerFee : takerFee;
  const clearing = s.clearing;
  const shares = qty * instrument.baseUnitsPerLot;
  // Accepted orders have both balances of their market (accept creates them).
  const buyerShares = buyer.account.byAsset[market.baseIndex]!;
  const sellerCash = seller.account.byAsset[market.quoteIndex]!;
  clearing.spend(buyer.reservation!, value, 'trade', tradeId);
  clearing.spend(buyer.reservation!, buyerFee, 'fee', tradeId);
  clearing.credit(buyerShares, shares, 'trade', tradeId);
  clearing.spend(seller.reservation!, shares, 'trade', tradeId);
  clearing.credit(sellerCash, value, 'trade', tradeId);
  clearing.credit(sellerCash, -sellerFee, 'fee', tradeId);
  clearing.credit(market.feeBalance, buyerFee + sellerFee, 'fee', tradeId);
  if (maker.filled === maker.qty) retire(s, maker, 'filled', undefined);
  else if (maker.groupId !== 0) reduceSiblings(s, maker);
  if (taker.filled === taker.qty) retire(s, taker, 'filled', undefined);
  else if (taker.groupId !== 0) reduceSiblings(s, taker);
}

function pushFill(s: EngineState, order: LiveOrder, other: LiveOrder, liquidity: 'maker' | 'taker', price: number, qty: number, fee: number, tradeId: number): void {
  const log = s.log;
  if (log.skip()) return;
  log.push(fill(log.next(), log.ts, tradeId, order.id, order.accountId, order.market.instrument.symbol, order.side, liquidity, price, qty, fee, other.id, order.qty - order.filled, order.filled));
}
