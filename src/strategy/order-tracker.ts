// The account's open orders as the runtime knows them, merged from placement answers and order updates.
//
// The same order can be reported twice and out of step: a placement answer may already say "filled"
// while the queued update saying "open" is still to be delivered. Merging is therefore monotonic:
// an ended order (filled, cancelled, expired, rejected) never comes back, and an update with less
// filled than already known is stale and ignored.
import { compareDecimals } from './exact.ts';
import type { PortOrderState, PortOrderStatus } from './ports.ts';
import { RecentSet } from './recent-set.ts';

const ENDED: ReadonlySet<PortOrderStatus> = new Set(['filled', 'cancelled', 'expired', 'rejected']);
/** How many ended order ids are remembered to ignore late updates for them. */
const ENDED_MEMORY = 65_536;

export function isEnded(status: PortOrderStatus): boolean {
  return ENDED.has(status);
}

export class OrderTracker {
  private readonly live = new Map<number, PortOrderState>();
  private readonly ended = new RecentSet<number>(ENDED_MEMORY);

  /** Merges a report; returns false when it was stale (older than what is known). */
  update(order: PortOrderState): boolean {
    if (this.ended.has(order.id)) return false;
    const known = this.live.get(order.id);
    // Equal text is equal quantity; only a different one needs comparing as decimals.
    if (known && order.filledQty !== known.filledQty && compareDecimals(order.filledQty, known.filledQty) < 0) return false;
    if (isEnded(order.status)) {
      this.live.delete(order.id);
      this.ended.add(order.id);
    } else {
      this.live.set(order.id, order);
    }
    return true;
  }

  get(orderId: number): PortOrderState | undefined {
    return this.live.get(orderId);
  }

  /** Live orders in id order (placement order), optionally for one symbol. */
  open(symbol?: string): PortOrderState[] {
    const orders = [...this.live.values()].filter((order) => symbol === undefined || order.symbol === symbol);
    return orders.sort((a, b) => a.id - b.id);
  }
}
