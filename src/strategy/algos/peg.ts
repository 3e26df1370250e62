// Best-limit (pegged) execution: rests at the best bid (buys) or ask (sells), or one tick or more better, and re-pegs when the touch moves, never beyond the cap.
import { BaseAlgo, problem, type Child } from './base.ts';
import type { AlgoOrder, AlgoStatus, ParamProblem } from './types.ts';
import type { OrderView, QuoteEvent } from '../types.ts';

export interface PegOptions extends AlgoOrder {
  /** Ticks better than the touch (0, the default, joins it); never as far as crossing the spread. */
  readonly improveTicks?: number;
}

export interface PegStatus extends AlgoStatus {
  /** The working order's price, if one is working. */
  readonly price: number | undefined;
  readonly repegs: number;
}

/**
 * One child order works at a time and is moved with a replace (same order id). On a venue whose
 * quotes include the strategy's own orders (the internal book), a touch at the child's own price is
 * taken to be the child itself, so improving never chases its own order.
 */
export class Peg extends BaseAlgo<PegOptions> {
  readonly kind = 'peg';
  private current: Child | undefined;
  private repegs = 0;

  override status(): PegStatus {
    const ticks = this.current && !this.current.ended ? this.current.priceTicks : undefined;
    return { ...super.status(), price: ticks === undefined ? undefined : this.grid.price(ticks), repegs: this.repegs };
  }

  protected validate(): ParamProblem | undefined {
    const improve = this.params.improveTicks ?? 0;
    return Number.isSafeInteger(improve) && improve >= 0 ? undefined : problem('improveTicks', `improveTicks must be a non-negative whole number, got ${improve}`);
  }

  protected async begin(): Promise<void> {
    // Resumed: the earlier run's order, if still open, is the one to move.
    this.current = this.workingChildren()[0];
    await this.follow(this.ctx.quote(this.params.symbol));
  }

  protected override afterQuote(quote: QuoteEvent): Promise<void> {
    return this.follow(quote);
  }

  protected override async afterOrder(child: Child, order: OrderView): Promise<void> {
    if (child !== this.current || !child.ended) return;
    if (await this.endIfLost(child, order)) return;
    this.current = undefined;
  }

  /** The price to work at for this quote, in ticks; undefined when the quote has no touch on our side. */
  private target(quote: QuoteEvent): number | undefined {
    const { side, limitPrice } = this.params;
    const improve = this.params.improveTicks ?? 0;
    const grid = this.grid;
    const bid = quote.bid === undefined ? undefined : grid.ticks(quote.bid);
    const ask = quote.ask === undefined ? undefined : grid.ticks(quote.ask);
    const own = this.current?.priceTicks;
    let ticks: number;
    if (side === 'buy') {
      if (bid === undefined) return undefined;
      ticks = improve > 0 && bid !== own ? bid + improve : bid;
      if (ask !== undefined) ticks = Math.max(bid, Math.min(ticks, ask - 1));
    } else {
      if (ask === undefined) return undefined;
      ticks = improve > 0 && ask !== own ? ask - improve : ask;
      if (bid !== undefined) ticks = Math.min(ask, Math.max(ticks, bid + 1));
    }
    const cap = limitPrice === undefined ? undefined : grid.capTicks(side, limitPrice);
    if (cap !== undefined) ticks = side === 'buy' ? Math.min(ticks, cap) : Math.max(ticks, cap);
    return ticks > 0 ? ticks : undefined;
  }

  private async follow(quote: QuoteEvent | undefined): Promise<void> {
    if (!quote || !this.running) return;
    const ticks = this.target(quote);
    if (ticks === undefined) return;
    const price = this.grid.priceText(ticks);
    if (!this.current) {
      const lots = this.available();
      if (lots <= 0) return;
      this.current = await this.place(lots, { type: 'limit', price });
      // Halted: the next quote tries again.
      if (!this.current) await this.afterRefusal();
      return;
    }
    if (this.current.priceTicks === ticks || this.current.ended) return;
    const result = await this.ctx.replace(this.current.id, { price });
    if (!result.ok) {
      // A replace that crossed the fill ending the algorithm is no error of the finished algorithm.
      if (!this.running) return;
      // Otherwise the order works on at its old price, and the next quote tries again; a halt is waited out.
      this.refused(result);
      if (this.waitingForTrading()) this.lastError += '; waiting for trading to resume';
      return;
    }
    this.wentThrough();
    this.current.priceTicks = ticks;
    this.repegs++;
  }
}
