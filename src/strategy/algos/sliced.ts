// Scheduled slicing, shared by TWAP and VWAP: a total split into timed slices by weights, with seeded jitter of timing and size.
//
// Each slice sends what brings the filled-or-working quantity up to the plan's running total, so a
// slice that did not fill, or filled only in part (an IOC slice at a capped price, a market slice
// that ran out of liquidity), is made up by the next one, and nothing is ever sent beyond the total.
// Limit-style slices rest; one still working when the next slice is due is cancelled, and once its
// final report is in (a cancel can cross a fill), its unfilled rest goes out with that slice.
// After the last slice, what is left catches up until the end of the duration plus `graceMs`:
// market-style slices send it again every `retryMs`, never beyond `limitPrice`; the last
// limit-style slice, carrying all that is left, rests on, and every `retryMs` moves to the touch
// if the touch has moved away from it (never towards a market that came its way). A slice the
// venue refuses ends the algorithm as failed. At the deadline, working slices are cancelled and
// the algorithm expires, saying in lastError how much is left and why.
import { isEnded } from '../order-tracker.ts';
import type { OrderView } from '../types.ts';
import { BaseAlgo, problem, type Child, type ChildInput } from './base.ts';
import { allocate } from './grid.ts';
import type { AlgoOrder, AlgoStatus, ParamProblem } from './types.ts';

export interface SliceOptions extends AlgoOrder {
  readonly durationMs: number;
  readonly slices: number;
  /** Clock time of the first slice (default: when started). */
  readonly startAt?: number;
  /**
   * market (default): market slices, or IOC limits at `limitPrice` when one is given.
   * limit: slices rest at the touch (bid for buys, ask for sells; else the last price), never beyond `limitPrice`.
   * A limit slice still working when the next slice is due is cancelled, and its unfilled rest goes
   * out with that slice, so the last one carries all that is left.
   */
  readonly style?: 'market' | 'limit';
  /** Seeded by ctx.random: `timing` moves each slice up to that fraction of a slice interval later; `size` scales each slice's weight by up to ±that fraction. */
  readonly randomize?: { readonly timing?: number; readonly size?: number };
  /**
   * After the last slice, until `startAt + durationMs + graceMs`: market-style slices send what is
   * left again every `retryMs`; the last limit-style slice rests on, and every `retryMs` moves to the
   * touch if the touch has moved away from it. Defaults: `graceMs` one slice interval (at most a
   * minute), `retryMs` a tenth of a slice interval within 1..10 s (at most the interval). `false`
   * turns it off: the remainder then waits for the end of the duration.
   */
  readonly catchUp?: false | { readonly graceMs?: number; readonly retryMs?: number };
}

export interface PlannedSlice {
  readonly at: number;
  readonly qty: number;
}

export interface SliceStatus extends AlgoStatus {
  readonly slices: number;
  readonly slicesSent: number;
  /** Orders sent after the last slice to complete what it left (for limit-style slices, re-placed at a moved touch). */
  readonly catchUpsSent: number;
  /** When the algorithm gives up on what is left: the end of the duration, plus the catch-up grace (undefined before start). */
  readonly deadline: number | undefined;
}

export abstract class SlicedAlgo<O extends SliceOptions> extends BaseAlgo<O> {
  private planned: Array<{ readonly at: number; readonly lots: number }> = [];
  private slicesSent = 0;
  private catchUpsSent = 0;
  private deadline: number | undefined;
  /** The last child that ended short of its size, and why: the reason the algorithm gives if it expires. */
  private shortfall: string | undefined;
  /** The plan's running total through the latest slice that came due: what filled-or-working lots are brought up to. */
  private target = 0;
  /** Limit style: children cancelled to carry their rest into a new order, whose final reports are still to come. */
  private readonly carried = new Set<Child>();
  /** The order that waits for those reports: a slice's (by index), or a catch-up's. */
  private waiting: Sending | undefined;

  /** The schedule made at start: each slice's time and quantity (empty before start). */
  plan(): readonly PlannedSlice[] {
    return this.planned.map((slice) => ({ at: slice.at, qty: this.grid.qty(slice.lots) }));
  }

  override status(): SliceStatus {
    return { ...super.status(), slices: this.planned.length, slicesSent: this.slicesSent, catchUpsSent: this.catchUpsSent, deadline: this.deadline };
  }

  /** One weight per slice, for slices starting at `start`. */
  protected abstract weights(start: number, interval: number): number[];

  protected validate(): ParamProblem | undefined {
    const { durationMs, slices, randomize } = this.params;
    if (!Number.isSafeInteger(durationMs) || durationMs <= 0) return problem('durationMs', `durationMs must be a positive whole number, got ${durationMs}`);
    if (!Number.isSafeInteger(slices) || slices < 1) return problem('slices', `slices must be a whole number of at least 1, got ${slices}`);
    for (const [name, value] of Object.entries(randomize ?? {})) {
      if (value !== undefined && !(value >= 0 && value <= 1)) return problem(`randomize.${name}`, `randomize.${name} must be within 0..1, got ${String(value)}`);
    }
    const { catchUp } = this.params;
    if (catchUp) {
      if (catchUp.graceMs !== undefined && !(Number.isSafeInteger(catchUp.graceMs) && catchUp.graceMs >= 0)) return problem('catchUp.graceMs', `catchUp.graceMs must be a whole number of at least 0, got ${catchUp.graceMs}`);
      if (catchUp.retryMs !== undefined && !(Number.isSafeInteger(catchUp.retryMs) && catchUp.retryMs > 0)) return problem('catchUp.retryMs', `catchUp.retryMs must be a positive whole number, got ${catchUp.retryMs}`);
    }
    return this.validateMore();
  }

  protected validateMore(): ParamProblem | undefined {
    return undefined;
  }

  protected async begin(): Promise<void> {
    const { durationMs, slices, randomize } = this.params;
    const start = this.params.startAt ?? this.ctx.clock.now();
    const interval = durationMs / slices;
    const base = this.weights(start, interval);
    const timing = randomize?.timing ?? 0;
    const size = randomize?.size ?? 0;
    const times: number[] = [];
    const weights: number[] = [];
    // Draws in slice order, timing then size, so a seed gives one schedule.
    for (let i = 0; i < slices; i++) {
      const delay = timing > 0 ? this.ctx.random.next() * timing * interval : 0;
      times.push(start + Math.floor(i * interval + delay));
      weights.push((base[i] ?? 0) * (size > 0 ? 1 + size * (2 * this.ctx.random.next() - 1) : 1));
    }
    const lots = allocate(this.totalLots, weights);
    this.planned = times.map((at, i) => ({ at, lots: lots[i] ?? 0 }));
    const catchUp = this.catchUpTimes(interval);
    this.deadline = start + durationMs + (catchUp?.graceMs ?? 0);
    // Resumed after its deadline (the platform was stopped past it): nothing is sent for a schedule that is over.
    if (this.resumed && this.ctx.clock.now() >= this.deadline) return this.expire('it was stopped until after its deadline');
    let cumulative = 0;
    this.planned.forEach((slice, i) => {
      cumulative += slice.lots;
      const target = cumulative;
      // Every slice time is kept, an empty one too: it sends what an earlier slice left.
      this.later(slice.at, () => this.slice(i, target));
    });
    if (catchUp) {
      const first = Math.max(...this.planned.map((slice) => slice.at)) + catchUp.retryMs;
      if (first < this.deadline) this.later(first, () => this.catchUp(catchUp.retryMs));
    }
    this.later(this.deadline, () => this.expire());
    await this.env.scheduler.runDue();
  }

  /** The catch-up policy with its defaults, or undefined when it is off. */
  private catchUpTimes(interval: number): { graceMs: number; retryMs: number } | undefined {
    const { catchUp } = this.params;
    if (catchUp === false) return undefined;
    const graceMs = catchUp?.graceMs ?? Math.min(Math.ceil(interval), 60_000);
    const retryMs = catchUp?.retryMs ?? Math.max(1, Math.min(Math.floor(interval), Math.max(1_000, Math.min(10_000, Math.floor(interval / 10)))));
    return { graceMs, retryMs };
  }

  /**
   * After the last slice: sends what is left (nothing while a child still works), and comes back
   * until the deadline. A limit-style child resting away from the touch is moved there first.
   */
  private async catchUp(retryMs: number): Promise<void> {
    if (!this.limitStyle()) await this.send(CATCH_UP);
    else if (this.carried.size === 0) await this.restAtTouch();
    const next = this.ctx.clock.now() + retryMs;
    if (this.running && next < (this.deadline ?? 0)) this.later(next, () => this.catchUp(retryMs));
  }

  /**
   * Limit style, after the last slice: withdraws children the touch has moved away from (a buy below
   * it, a sell above it; never one the market came towards) and rests what is left at the touch.
   */
  private async restAtTouch(): Promise<void> {
    const ticks = this.restingTicks();
    if (ticks === undefined) return;
    const away = (child: Child) => child.priceTicks !== undefined && (this.params.side === 'buy' ? child.priceTicks < ticks : child.priceTicks > ticks);
    await this.withdraw([...this.children.values()].filter(away));
    if (this.carried.size > 0) this.waiting = CATCH_UP;
    else await this.send(CATCH_UP);
  }

  /** At the deadline: ends, saying how much is left and why (`why` when given), when the total has not filled. */
  private async expire(why?: string): Promise<void> {
    if (this.filledLots >= this.totalLots) return this.end('done');
    // Slices sent just before the deadline may have filled without their fill events heard yet: what
    // the exchange reported counts, so a total that did fill ends done once they come, and the
    // figures below agree with the fills counted after the end.
    const filled = this.filledLots + this.unseenFills();
    if (filled >= this.totalLots) return;
    const qty = (lots: number) => this.grid.qty(lots);
    const left = this.totalLots - filled;
    const short = [...this.children.values()].filter((child) => child.ended && !child.cancelledByAlgo && child.reportedFilled < child.lots).length;
    const limited = this.params.limitPrice === undefined ? '' : ` within limitPrice ${this.params.limitPrice}`;
    const reason =
      why ??
      (this.waitingForTrading()
        ? `${this.params.symbol} was halted and did not resume in time`
        : (this.params.style ?? 'market') === 'limit'
          ? `limit slices rest at the touch${limited} and were not filled in time`
          : this.shortfall !== undefined
            ? `no more liquidity${limited}: ${this.shortfall}`
            : short > 0
              ? `no more liquidity${limited}: ${short} of its ${this.children.size} orders ended short of their size`
              : (this.lastError ?? 'no order filled it'));
    this.lastError = `expired with ${qty(left)} of ${qty(this.totalLots)} unfilled (${qty(filled)} filled): ${reason}`;
    await this.end('expired');
  }

  protected override async afterOrder(child: Child, order: OrderView): Promise<void> {
    if (isEnded(order.status) && order.status !== 'filled' && !child.cancelledByAlgo && child.reportedFilled < child.lots) {
      this.shortfall = `order ${order.id} filled ${this.grid.qty(child.reportedFilled)} of ${this.grid.qty(child.lots)} and was ${order.status}${order.reason ? ` (${order.reason})` : ''}`;
    }
    // The last carried child's final report is in: what it did not fill is free, and goes out with the order that waited for it.
    if (!child.ended || !this.carried.delete(child) || this.carried.size > 0) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting !== undefined) await this.send(waiting);
  }

  /**
   * Slice `index` is due: brings filled-or-working lots up to `target`, the plan's running total
   * through it. Limit style: the slices still working are cancelled first, and the slice waits for
   * their final reports, so their unfilled rest goes out with it as one order.
   */
  private async slice(index: number, target: number): Promise<void> {
    this.target = target;
    if (this.limitStyle()) {
      if (this.restingTicks() === undefined) {
        this.lastError = `slice ${index}: no price to rest a limit slice at`;
        return;
      }
      await this.withdraw([...this.children.values()]);
      if (this.carried.size > 0) {
        this.waiting = { slice: index };
        return;
      }
    }
    await this.send({ slice: index });
  }

  /**
   * Cancels the children that still work, to carry their rest into a new order. Until a child's
   * final report is in, a fill may still cross the cancel, so its whole rest stays reserved (see
   * `available()`) and the new order waits for the report.
   */
  private async withdraw(children: readonly Child[]): Promise<void> {
    for (const child of children) {
      if (child.ended || child.filledSeen >= child.lots) continue;
      if (!child.cancelAcked) await this.cancelChild(child);
      if (!child.ended) this.carried.add(child);
    }
  }

  /** Sends what brings filled-or-working lots up to the latest slice's running total, as a slice or a catch-up order. */
  private async send(sending: Sending): Promise<void> {
    const lots = this.available() - (this.totalLots - this.target);
    if (lots <= 0) return;
    const input = this.sliceOrder();
    if (!input) {
      this.lastError = `${sending === CATCH_UP ? 'catch-up' : `slice ${sending.slice}`}: no price to rest a limit slice at`;
      return;
    }
    // A refused slice (funds, limits) would be refused again: the algorithm fails rather than retrying
    // until it expires. A halt is waited out: the next slice (or catch-up) sends what is due by then.
    if (!(await this.place(lots, input))) await this.afterRefusal();
    else if (sending === CATCH_UP) this.catchUpsSent++;
    else this.slicesSent++;
  }

  private limitStyle(): boolean {
    return (this.params.style ?? 'market') === 'limit';
  }

  /** Limit style: the touch (bid for buys, ask for sells; else the last price), never beyond `limitPrice`. */
  private restingPrice(): number | undefined {
    const { side, limitPrice } = this.params;
    const quote = this.ctx.quote(this.params.symbol);
    const touch = (side === 'buy' ? quote?.bid : quote?.ask) ?? this.ctx.lastPrice(this.params.symbol);
    return touch === undefined ? limitPrice : limitPrice === undefined ? touch : side === 'buy' ? Math.min(touch, limitPrice) : Math.max(touch, limitPrice);
  }

  private restingTicks(): number | undefined {
    const price = this.restingPrice();
    return price === undefined ? undefined : this.grid.ticks(price);
  }

  private sliceOrder(): ChildInput | undefined {
    const { limitPrice } = this.params;
    if (!this.limitStyle()) return limitPrice === undefined ? { type: 'market' } : { type: 'limit', price: limitPrice, tif: 'ioc' };
    const price = this.restingPrice();
    return price === undefined ? undefined : { type: 'limit', price };
  }
}

/** Who sends an order: slice `slice` of the plan, or the catch-up after the last slice. */
type Sending = { readonly slice: number } | typeof CATCH_UP;
const CATCH_UP = 'catch-up';
