// stateHash(): a digest of the whole engine state in a fixed order, equal for equal states.
import { StateHasher } from '../core/hash.ts';
import type { EngineState } from './engine-state.ts';
import { NO_ORDER } from './book/order-book.ts';
import { liveReservations } from './state.ts';

export function hashState(s: EngineState): string {
  const h = new StateHasher();
  h.number(s.log.seq).number(s.log.ts).number(s.nextOrderId).number(s.nextTradeId);
  for (const code of [...s.assets.keys()].sort()) h.string(code).number(s.assets.get(code)!.scale);
  for (const symbol of [...s.markets.keys()].sort()) {
    const market = s.markets.get(symbol)!;
    const i = market.instrument;
    h.string(symbol).number(market.lastPrice).string(i.base).string(i.quote).string(i.spec.tickSize).string(i.spec.lotSize);
    h.number(i.minQty).number(i.maxQty).number(i.makerFeeBps).number(i.takerFeeBps).number(i.referencePrice).number(i.bandBps);
    for (const side of ['buy', 'sell'] as const) {
      h.string(side);
      const book = market.book;
      for (let x = book.head(side); x !== NO_ORDER; x = book.next(x)) h.number(book.orderIdAt(x)).number(book.accountIdAt(x)).number(book.priceAt(x)).number(book.qtyAt(x));
    }
    for (const order of market.stops.all()) h.number(order.id).number(order.stopPrice);
    // Only a status other than the default is hashed, so states from before statuses existed (and
    // the snapshots that recorded their hashes) hash as they did.
    if (market.status !== 'trading' || market.statusReason !== '') h.string(market.status).string(market.statusReason);
  }
  for (const id of [...s.clearing.accounts.keys()].sort((a, b) => a - b)) {
    const account = s.clearing.accounts.get(id)!;
    h.number(id);
    for (const asset of [...account.balances.keys()].sort()) {
      const balance = account.balances.get(asset)!;
      h.string(asset).number(balance.available).number(balance.held);
    }
  }
  for (const asset of [...s.clearing.supply.keys()].sort()) h.string(asset).number(s.clearing.supply.get(asset)!);
  const orders = s.orders.sortedValues();
  for (const reservation of liveReservations(orders)) {
    h.number(reservation.id).number(reservation.heldFrom.accountId).string(reservation.heldFrom.asset).number(reservation.held).number(reservation.holders);
  }
  for (const order of orders) {
    h.number(order.id).number(order.accountId).optional(order.clientOrderId).string(order.market.instrument.symbol).string(order.side);
    h.string(order.type).string(order.execType).string(order.tif).number(order.qty).number(order.filled).number(order.price);
    h.number(order.stopPrice).optional(order.trail?.amount).optional(order.trail?.bps).optional(order.trail?.extreme).number(order.expireAt);
    h.number(order.postOnly ? 1 : 0).string(order.stp).string(order.state).optional(order.reservation?.id).number(order.groupId).number(order.parentId);
  }
  for (const [key, id] of [...s.clientOrderIds].sort((a, b) => a[1] - b[1])) h.string(key).number(id);
  for (const group of [...s.groups.values()].sort((a, b) => a.id - b.id)) {
    h.number(group.id).string(group.kind).number(group.entryId);
    for (const leg of group.legs) h.number(leg);
  }
  for (const [key, id] of s.expiries.entries()) if (s.orders.get(id)?.tif === 'gtd') h.number(key).number(id);
  for (const accountId of [...s.riskLimits.keys()].sort((a, b) => a - b)) {
    const perSymbol = s.riskLimits.get(accountId)!;
    for (const symbol of [...perSymbol.keys()].sort()) {
      const limits = perSymbol.get(symbol)!;
      h.number(accountId).string(symbol).optional(limits.maxOrderQty).optional(limits.maxOrderNotional).optional(limits.maxPosition);
    }
  }
  return h.digest();
}
