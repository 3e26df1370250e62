// Untriggered stop orders of one market, kept in trigger order, and trailing stops that follow the price.
import { bpsOf } from '../core/limits.ts';
import type { LiveOrder, Trail } from './state.ts';

/**
 * Buy stops trigger when the last price rises to their stop price, sell stops when it falls to it.
 * Fixed stops sit in arrays sorted so the next to trigger is first; trailing stops are re-priced on
 * every price update. Triggered orders are returned in id (arrival) order.
 */
export class StopBook {
  /** Ascending stop price, then id. */
  private readonly buys: LiveOrder[] = [];
  /** Descending stop price, then id. */
  private readonly sells: LiveOrder[] = [];
  /** Id order. */
  private readonly trailing: LiveOrder[] = [];

  add(order: LiveOrder): void {
    if (order.type === 'trailing_stop') {
      insertSorted(this.trailing, order, (a, b) => a.id - b.id);
    } else if (order.side === 'buy') {
      insertSorted(this.buys, order, (a, b) => a.stopPrice - b.stopPrice || a.id - b.id);
    } else {
      insertSorted(this.sells, order, (a, b) => b.stopPrice - a.stopPrice || a.id - b.id);
    }
  }

  remove(order: LiveOrder): void {
    for (const list of [this.buys, this.sells, this.trailing]) {
      const index = list.indexOf(order);
      if (index >= 0) {
        list.splice(index, 1);
        return;
      }
    }
  }

  /**
   * Re-prices trailing stops for `last`, then removes and returns every order whose stop is reached.
   * Trailing stops whose stop price changed are appended to `moved`, in id order. A moved stop never
   * triggers in the same pass: it moved because `last` is a new extreme, a trail's width away from it.
   */
  takeTriggered(last: number, moved: LiveOrder[]): LiveOrder[] {
    const triggered: LiveOrder[] = [];
    while (this.buys.length > 0 && this.buys[0]!.stopPrice <= last) triggered.push(this.buys.shift()!);
    while (this.sells.length > 0 && this.sells[0]!.stopPrice >= last) triggered.push(this.sells.shift()!);
    for (let i = 0; i < this.trailing.length; ) {
      const order = this.trailing[i]!;
      if (trail(order, order.trail!, last)) moved.push(order);
      if (order.side === 'buy' ? last >= order.stopPrice : last <= order.stopPrice) {
        triggered.push(order);
        this.trailing.splice(i, 1);
      } else {
        i++;
      }
    }
    return triggered.sort((a, b) => a.id - b.id);
  }

  size(): number {
    return this.buys.length + this.sells.length + this.trailing.length;
  }

  /** Every waiting order, in a fixed order (for hashing and checks). */
  all(): LiveOrder[] {
    return [...this.buys, ...this.sells, ...this.trailing];
  }
}

/**
 * Moves a trailing stop's extreme and stop price for a new last price; the stop only ever tightens.
 * Returns whether the stop price changed.
 */
export function trail(order: LiveOrder, state: Trail, last: number): boolean {
  const before = order.stopPrice;
  if (order.side === 'sell') {
    state.extreme = Math.max(state.extreme, last);
    order.stopPrice = Math.max(1, state.extreme - trailDistance(state));
  } else {
    state.extreme = Math.min(state.extreme, last);
    order.stopPrice = state.extreme + trailDistance(state);
  }
  return order.stopPrice !== before;
}

function trailDistance(state: Trail): number {
  return state.amount > 0 ? state.amount : Math.max(1, bpsOf(state.extreme, state.bps));
}

function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(list[mid]!, item) <= 0) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, item);
}
