// Orders in words: type, status and trigger labels for every table that lists orders, and the notice shown when the server accepts what the ticket sent.
import type { Order, OrderStatus, OrderType } from '../../lib/api.ts';
import { signOf, trimZeros } from '../../lib/decimal.ts';
import { formatPrice, formatQty } from '../../lib/format.ts';

const TYPE_LABELS: Readonly<Record<OrderType, string>> = {
  limit: 'Limit',
  market: 'Market',
  stop: 'Stop',
  stop_limit: 'Stop limit',
  trailing_stop: 'Trailing stop',
};

/** A trailing stop's distance with its unit: "trail 1.00" in price units (at the tick), "trail 1%" as a percent; undefined for other orders. */
export function trailText(order: Pick<Order, 'trailAmount' | 'trailPercent'>, tickSize: string | undefined): string | undefined {
  if (order.trailPercent !== null) return `trail ${trimZeros(order.trailPercent)}%`;
  return order.trailAmount !== null ? `trail ${formatPrice(order.trailAmount, tickSize)}` : undefined;
}

/** "Limit", "Stop limit", "Trailing stop"... */
export function orderTypeName(type: OrderType): string {
  return TYPE_LABELS[type];
}

/** "Limit", "Stop limit", "Trailing stop (trail 1.00)", "Trailing stop (trail 1.5%)"... */
export function orderTypeLabel(order: Pick<Order, 'type' | 'trailAmount' | 'trailPercent'>, tickSize: string | undefined): string {
  const label = orderTypeName(order.type);
  const trail = order.type === 'trailing_stop' ? trailText(order, tickSize) : undefined;
  return trail === undefined ? label : `${label} (${trail})`;
}

const STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  open: 'open',
  partially_filled: 'partial',
  untriggered: 'waiting',
  pending_parent: 'waits for entry',
  filled: 'filled',
  cancelled: 'cancelled',
  expired: 'expired',
};

/** An order's status as every order table shows it: "waiting" for a stop not triggered yet, "waits for entry" for a bracket leg. */
export function orderStatusLabel(status: OrderStatus): string {
  return STATUS_LABELS[status];
}

/** "stop 180.00": a stop's trigger price at the instrument's tick, or undefined for an order without one. */
export function stopText(stopPrice: string | null, tickSize: string | undefined): string | undefined {
  return stopPrice === null ? undefined : `stop ${formatPrice(stopPrice, tickSize)}`;
}

export interface Notice {
  readonly text: string;
  /** success: placed or filled; info: it ended at once without a fill (IOC, FOK, no liquidity). */
  readonly tone: 'success' | 'info';
}

interface Terms {
  readonly base: string;
  readonly tickSize: string;
  readonly lotSize: string;
}

function what(order: Order, terms: Terms): string {
  return `${order.side === 'buy' ? 'Buy' : 'Sell'} ${formatQty(order.qty, terms.lotSize)} ${terms.base} ${orderTypeLabel(order, terms.tickSize).toLowerCase()}`;
}

/** The notice for one order as the placement answered it (fills on arrival are already in it). */
export function orderNotice(order: Order, terms: Terms): Notice {
  const filled = signOf(order.filledQty) > 0;
  const avg = formatPrice(order.avgFillPrice, terms.tickSize);
  switch (order.status) {
    case 'filled':
      return { text: `${order.side === 'buy' ? 'Bought' : 'Sold'} ${formatQty(order.filledQty, terms.lotSize)} ${terms.base} at ${avg} (order #${order.id}).`, tone: 'success' };
    case 'partially_filled':
      return { text: `${what(order, terms)}: ${formatQty(order.filledQty, terms.lotSize)} filled at ${avg}, ${formatQty(order.leavesQty, terms.lotSize)} resting (order #${order.id}).`, tone: 'success' };
    case 'open':
      return { text: `${what(order, terms)} at ${formatPrice(order.price, terms.tickSize)} is in the book (order #${order.id}).`, tone: 'success' };
    case 'untriggered':
      return { text: `${what(order, terms)} placed; it waits for its trigger${order.stopPrice ? ` at ${formatPrice(order.stopPrice, terms.tickSize)}` : ''} (order #${order.id}).`, tone: 'success' };
    case 'pending_parent':
      return { text: `${what(order, terms)} waits for its entry to fill (order #${order.id}).`, tone: 'success' };
    case 'cancelled':
    case 'expired':
      return filled
        ? { text: `${what(order, terms)}: ${formatQty(order.filledQty, terms.lotSize)} filled at ${avg}, the rest ${order.status}${order.reason ? ` (${order.reason})` : ''}.`, tone: 'success' }
        : { text: `${what(order, terms)} was ${order.status} without a fill${order.reason ? ` (${order.reason})` : ''}.`, tone: 'info' };
  }
}

/** The notice for what one ticket placed: a single order, an OCO pair or a bracket (entry first). */
export function placedNotice(orders: readonly Order[], terms: Terms, replayed: boolean): Notice {
  const prefix = replayed ? 'Already placed with this client order id: ' : '';
  const [first, second] = orders;
  if (!first) return { text: `${prefix}The order was accepted.`, tone: 'success' };
  if (orders.length === 1) {
    const notice = orderNotice(first, terms);
    return { ...notice, text: prefix + notice.text };
  }
  if (orders.length === 2 && second) {
    return { text: `${prefix}OCO placed: ${orderTypeLabel(first, terms.tickSize).toLowerCase()} #${first.id} and ${orderTypeLabel(second, terms.tickSize).toLowerCase()} #${second.id}; when one fills the other is cancelled.`, tone: 'success' };
  }
  const entry = orderNotice(first, terms);
  return { text: `${prefix}Bracket placed. ${entry.text} Take-profit and stop-loss go live once it fills.`, tone: entry.tone };
}
