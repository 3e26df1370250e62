// Smart order routing: splits an order across venues, best price first, up to each venue's displayed size, and reports the split.
import type { QuoteEvent } from '../types.ts';
import { BaseAlgo, problem, type Child } from './base.ts';
import type { AlgoOrder, AlgoStatus, ParamProblem } from './types.ts';
import type { RouteVenue } from './venues.ts';

export interface RouteOptions extends AlgoOrder {
  /** Where to route; ties in price go to the larger displayed size, then to the earlier venue. */
  readonly venues: readonly RouteVenue[];
  /** Route the remainder again on every quote of the symbol until filled (default: one pass). */
  readonly untilFilled?: boolean;
}

/** One child order of the split. */
export interface RouteLeg {
  readonly venue: string;
  readonly orderId: number;
  readonly price: number;
  readonly qty: number;
  readonly filledQty: number;
}

export interface RouteStatus extends AlgoStatus {
  readonly split: readonly RouteLeg[];
}

interface Leg {
  readonly venue: string;
  readonly orderId: number;
  readonly ticks: number;
  readonly lots: number;
  /** Fills of a venue outside the account; own legs read theirs from the child order. */
  filledLots: number;
  readonly child: Child | undefined;
}

/**
 * Each pass takes the venues' quotes as they are, sorts the offers on the order's side best first
 * (never beyond the limit), and sends each an immediate-or-cancel limit at its own price for at most
 * its displayed size, until the quantity is placed. A pass that leaves quantity unfilled ends the
 * algorithm as expired, unless `untilFilled` keeps it waiting for the next quote. A leg a venue
 * refuses ends the algorithm as failed.
 */
export class SmartRouter extends BaseAlgo<RouteOptions> {
  readonly kind = 'sor';
  private readonly legs: Leg[] = [];

  /** The child orders so far, in the order they were sent. */
  split(): readonly RouteLeg[] {
    return this.legs.map((leg) => ({
      venue: leg.venue,
      orderId: leg.orderId,
      price: this.grid.price(leg.ticks),
      qty: this.grid.qty(leg.lots),
      filledQty: this.grid.qty(leg.child ? leg.child.filledSeen : leg.filledLots),
    }));
  }

  override status(): RouteStatus {
    return { ...super.status(), split: this.legs.length > 0 ? this.split() : [] };
  }

  protected validate(): ParamProblem | undefined {
    const names = this.params.venues.map((v) => v.name);
    if (names.length === 0) return problem('venues', 'venues must name at least one venue');
    return new Set(names).size === names.length ? undefined : problem('venues', `venue names must differ: ${names.join(', ')}`);
  }

  protected async begin(): Promise<void> {
    await this.route();
  }

  protected override async afterOrder(child: Child): Promise<void> {
    if (child.ended) await this.settle();
  }

  protected override async afterQuote(_quote: QuoteEvent): Promise<void> {
    if (this.params.untilFilled && !this.working()) await this.route();
  }

  /** One routing pass over the venues' current quotes. */
  async route(): Promise<void> {
    if (!this.running) return;
    const { symbol, side, limitPrice } = this.params;
    const grid = this.grid;
    const cap = limitPrice === undefined ? undefined : grid.capTicks(side, limitPrice);
    const offers = this.params.venues.flatMap((venue, index) => {
      const quote = venue.quote(symbol);
      const price = side === 'buy' ? quote?.ask : quote?.bid;
      const lots = grid.lotsNearest((side === 'buy' ? quote?.askQty : quote?.bidQty) ?? 0);
      if (price === undefined || lots <= 0) return [];
      const ticks = grid.ticks(price);
      const within = cap === undefined || (side === 'buy' ? ticks <= cap : ticks >= cap);
      return within ? [{ venue, index, ticks, lots }] : [];
    });
    offers.sort((a, b) => (side === 'buy' ? a.ticks - b.ticks : b.ticks - a.ticks) || b.lots - a.lots || a.index - b.index);
    for (const offer of offers) {
      const lots = Math.min(offer.lots, this.available());
      if (lots <= 0 || !this.running) break;
      await this.send(offer.venue, offer.ticks, lots);
    }
    await this.settle();
  }

  private async send(venue: RouteVenue, ticks: number, lots: number): Promise<void> {
    const result = await venue.send({ symbol: this.params.symbol, side: this.params.side, qty: this.grid.qtyText(lots), price: this.grid.priceText(ticks) });
    if (!result.ok) {
      // As with TWAP's slices: a refused leg (funds, limits, a closed market) would be refused again, so the route fails rather than routing on.
      this.lastError = `${venue.name}: ${result.code}: ${result.message}`;
      await this.end('failed');
      return;
    }
    const child = result.own ? this.adopt(result.own, lots) : undefined;
    if (!child) this.sent++;
    const leg: Leg = { venue: venue.name, orderId: result.orderId, ticks, lots, filledLots: 0, child };
    this.legs.push(leg);
    for (const fill of result.fills) {
      const filled = this.grid.lotsNearest(fill.qty);
      leg.filledLots += filled;
      await this.record({ venue: venue.name, orderId: result.orderId, price: fill.price, qty: fill.qty, ts: fill.ts }, filled);
    }
  }

  private working(): boolean {
    return [...this.children.values()].some((child) => !child.ended && child.filledSeen < child.lots);
  }

  /** Ends a one-pass route once nothing works any more and quantity is left. */
  private async settle(): Promise<void> {
    if (!this.running || this.params.untilFilled || this.working()) return;
    if (this.available() > 0) await this.end('expired');
  }
}
