// Engine.validate(): every invariant the engine promises, checked from scratch over the whole state.
import { FEE_ACCOUNT } from '../core/limits.ts';
import type { EngineState } from './engine-state.ts';
import { NO_ORDER } from './book/order-book.ts';
import { reservationNeed } from './lifecycle.ts';
import { liveReservations, ordersOf, type LiveOrder } from './state.ts';

function fail(message: string): never {
  throw new Error(`engine invariant broken: ${message}`);
}

export function checkInvariants(s: EngineState): void {
  let resting = 0;
  let waiting = 0;
  for (const [symbol, market] of s.markets) {
    const book = market.book;
    book.validate();
    const bid = book.bestPrice('buy');
    const ask = book.bestPrice('sell');
    if (bid !== 0 && ask !== 0 && bid >= ask) fail(`${symbol} book is crossed: bid ${bid} >= ask ${ask}`);
    for (const side of ['buy', 'sell'] as const) {
      for (let h = book.head(side); h !== NO_ORDER; h = book.next(h)) {
        const order = s.orders.get(book.orderIdAt(h));
        if (!order || order.state !== 'open' || order.side !== side || order.market !== market) fail(`resting order ${book.orderIdAt(h)} is not a live open ${side} order of ${symbol}`);
        if (order.accountId !== book.accountIdAt(h) || order.price !== book.priceAt(h) || order.qty - order.filled !== book.qtyAt(h)) fail(`resting order ${order.id} disagrees with its live record`);
        resting++;
      }
    }
    for (const order of market.stops.all()) {
      if (s.orders.get(order.id) !== order || order.state !== 'untriggered') fail(`stop ${order.id} is not a live untriggered order`);
      waiting++;
    }
  }
  let open = 0;
  let untriggered = 0;
  const users = new Map<number, number>();
  const orders = s.orders.sortedValues();
  const listed = new Set<LiveOrder>();
  for (const account of s.clearing.accounts.values()) for (const order of ordersOf(account)) listed.add(order);
  for (const order of orders) {
    if (order.filled >= order.qty || order.filled < 0) fail(`live order ${order.id} has filled ${order.filled} of ${order.qty}`);
    if (order.account !== s.clearing.accounts.get(order.accountId) || !listed.has(order)) fail(`order ${order.id} missing from its account`);
    if (order.state === 'open') open++;
    if (order.state === 'untriggered') untriggered++;
    if (order.state === 'pending_parent') continue;
    const reservation = order.reservation;
    if (!reservation) fail(`order ${order.id} has no reservation`);
    users.set(reservation.id, (users.get(reservation.id) ?? 0) + 1);
    if (reservation.held < reservationNeed(s, order)) fail(`order ${order.id} reserves ${reservation.held}, needs ${reservationNeed(s, order)}`);
  }
  const gtd = orders.filter((order) => order.tif === 'gtd').length;
  if (gtd !== s.liveGtd || s.expiries.size < gtd) fail(`${gtd} live GTD orders, counted ${s.liveGtd}, ${s.expiries.size} expiry entries`);
  if (open !== resting) fail(`${open} open orders but ${resting} resting in books`);
  if (untriggered !== waiting) fail(`${untriggered} untriggered orders but ${waiting} in stop books`);
  const heldByReservations = new Map<string, number>();
  for (const reservation of liveReservations(orders)) {
    if (users.get(reservation.id) !== reservation.holders) fail(`reservation ${reservation.id} counts ${reservation.holders} holders, has ${users.get(reservation.id) ?? 0}`);
    const balance = reservation.heldFrom;
    if (s.clearing.accounts.get(balance.accountId)?.balances.get(balance.asset) !== balance) fail(`reservation ${reservation.id} holds from a balance the account does not have`);
    const key = `${balance.accountId}:${balance.asset}`;
    heldByReservations.set(key, (heldByReservations.get(key) ?? 0) + reservation.held);
  }
  const sums = new Map<string, number>();
  for (const account of s.clearing.accounts.values()) {
    for (const order of ordersOf(account)) if (s.orders.get(order.id) !== order) fail(`account ${account.id} lists finished order ${order.id}`);
    for (const [asset, balance] of account.balances) {
      if (balance.available < 0 || balance.held < 0) fail(`account ${account.id} ${asset} is negative`);
      if (account.id === FEE_ACCOUNT && balance.held !== 0) fail('the fee account holds a reservation');
      if (balance.held !== (heldByReservations.get(`${account.id}:${asset}`) ?? 0)) fail(`account ${account.id} ${asset} held ${balance.held} differs from its reservations`);
      sums.set(asset, (sums.get(asset) ?? 0) + balance.available + balance.held);
    }
  }
  for (const [asset, supply] of s.clearing.supply) {
    if ((sums.get(asset) ?? 0) !== supply) fail(`${asset} is not conserved: balances ${sums.get(asset) ?? 0}, supply ${supply}`);
  }
  for (const [key, id] of s.clientOrderIds) if (id <= 0 || id >= s.nextOrderId) fail(`client order id ${key} points to ${id}`);
}
