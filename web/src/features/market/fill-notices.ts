// Notices of the viewer's own fills on the market screen: one per fill, none for a repeat, none for a fill the placement notice already told.
//
// A fill of an order placed from the ticket often reaches the socket before the placement's HTTP
// answer, whose notice tells the fills so far ("Bought 0.4 BTC at 65,012.50"). So while a placement
// is on its way, fills wait for its answer: those the answer's orders already count as filled are
// told by its notice, the rest get a notice each. A placement that fails tells nothing.
import type { FillEvent, Order } from '../../lib/api.ts';
import { compareDecimal } from '../../lib/decimal.ts';
import { formatPrice, formatQty } from '../../lib/format.ts';

/** What a fill's text needs of its instrument. */
export interface FillTerms {
  readonly base: string;
  readonly lotSize: string;
  readonly tickSize: string;
}

/** "Bought 0.2 BTC at 65,000.00 (maker, order #1)." */
export function fillText(fill: FillEvent, terms: FillTerms): string {
  return `${fill.side === 'buy' ? 'Bought' : 'Sold'} ${formatQty(fill.qty, terms.lotSize)} ${terms.base} at ${formatPrice(fill.price, terms.tickSize)} (${fill.liquidity}, order #${fill.orderId}).`;
}

/** Fills and orders remembered, so memory stays bounded however long the screen stays open. */
const REMEMBERED = 1_000;

export class FillNotices {
  /** Per order, the filled quantity a placement notice told. */
  private readonly told = new Map<number, string>();
  /** Fills already handled, as order id and trade id: a self-trade is two fills of one trade. */
  private readonly seen = new Set<string>();
  private held: FillEvent[] = [];
  private placements = 0;

  constructor(private readonly show: (fill: FillEvent) => void) {}

  /** A placement from this screen is on its way; `answer` resolves with its orders as the notice tells them. */
  placing(answer: Promise<readonly Pick<Order, 'id' | 'filledQty'>[]>): void {
    this.placements++;
    const settle = (orders: readonly Pick<Order, 'id' | 'filledQty'>[]) => {
      for (const order of orders) trim(this.told.set(order.id, order.filledQty));
      this.placements--;
      if (this.placements === 0) this.release();
    };
    answer.then(settle, () => settle([]));
  }

  /** A fill event of the viewer's own account. */
  heard(fill: FillEvent): void {
    const key = `${fill.orderId}:${fill.tradeId}`;
    if (this.seen.has(key)) return;
    trim(this.seen.add(key));
    if (this.placements > 0) this.held.push(fill);
    else this.tell(fill);
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    for (const fill of held) this.tell(fill);
  }

  private tell(fill: FillEvent): void {
    const told = this.told.get(fill.orderId);
    if (told !== undefined && compareDecimal(fill.filledQty, told) <= 0) return;
    this.show(fill);
  }
}

/** Forgets the oldest entry past REMEMBERED (Sets and Maps keep insertion order). */
function trim<K>(store: Set<K> | Map<K, unknown>): void {
  const oldest = store.keys().next();
  if (store.size > REMEMBERED && !oldest.done) store.delete(oldest.value);
}
