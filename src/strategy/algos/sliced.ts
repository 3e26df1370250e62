// Scheduled slicing, shared by TWAP and VWAP: a total split into timed slices by weights, with seeded jitter of timing and size.
//
// Each slice sends what brings the filled-or-working quantity up to the plan's running total, so a
// slice that did not fill (an IOC slice at a capped price) is made up by the next one, and nothing
// is ever sent beyond the total. A slice the venue refuses ends the algorithm as failed. At the end
// of the duration, working slices are cancelled.
import { BaseAlgo, type ChildInput } from './base.ts';
import { allocate } from './grid.ts';
import type { AlgoOrder, AlgoStatus } from './types.ts';

export interface SliceOptions extends AlgoOrder {
  readonly durationMs: number;
  readonly slices: number;
  /** Clock time of the first slice (default: when started). */
  readonly startAt?: number;
  /**
   * market (default): market slices, or IOC limits at `limitPrice` when one is given.
   * limit: slices rest at the touch (bid for buys, ask for sells; else the last price), never beyond `limitPrice`.
   */
  readonly style?: 'market' | 'limit';
  /** Seeded by ctx.random: `timing` moves each slice up to that fraction of a slice interval later; `size` scales each slice's weight by up to ±that fraction. */
  readonly randomize?: { readonly timing?: number; readonly size?: number };
}

export interface PlannedSlice {
  readonly at: number;
  readonly qty: number;
}

export interface SliceStatus extends AlgoStatus {
  readonly slices: number;
  readonly slicesSent: number;
}

export abstract class SlicedAlgo<O extends SliceOptions> extends BaseAlgo<O> {
  private planned: Array<{ readonly at: number; readonly lots: number }> = [];
  private slicesSent = 0;

  /** The schedule made at start: each slice's time and quantity (empty before start). */
  plan(): readonly PlannedSlice[] {
    return this.planned.map((slice) => ({ at: slice.at, qty: this.grid.qty(slice.lots) }));
  }

  override status(): SliceStatus {
    return { ...super.status(), slices: this.planned.length, slicesSent: this.slicesSent };
  }

  /** One weight per slice, for slices starting at `start`. */
  protected abstract weights(start: number, interval: number): number[];

  protected validate(): string | undefined {
    const { durationMs, slices, randomize } = this.params;
    if (!Number.isSafeInteger(durationMs) || durationMs <= 0) return `durationMs must be a positive whole number, got ${durationMs}`;
    if (!Number.isSafeInteger(slices) || slices < 1) return `slices must be a whole number of at least 1, got ${slices}`;
    for (const [name, value] of Object.entries(randomize ?? {})) {
      if (value !== undefined && !(value >= 0 && value <= 1)) return `randomize.${name} must be within 0..1, got ${String(value)}`;
    }
    return this.validateMore();
  }

  protected validateMore(): string | undefined {
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
    let cumulative = 0;
    this.planned.forEach((slice, i) => {
      cumulative += slice.lots;
      const target = cumulative;
      if (slice.lots > 0) this.later(slice.at, () => this.slice(i, target));
    });
    this.later(start + durationMs, () => this.end(this.filledLots >= this.totalLots ? 'done' : 'expired'));
    await this.env.scheduler.runDue();
  }

  /** Brings filled-or-working lots up to `target`, the plan's running total through slice `index`. */
  private async slice(index: number, target: number): Promise<void> {
    const lots = this.available() - (this.totalLots - target);
    if (lots <= 0) return;
    const input = this.sliceOrder();
    if (!input) {
      this.lastError = `slice ${index}: no price to rest a limit slice at`;
      return;
    }
    // A refused slice (funds, limits, a closed market) would be refused again: the algorithm fails rather than retrying until it expires.
    if (await this.place(lots, input)) this.slicesSent++;
    else await this.end('failed');
  }

  private sliceOrder(): ChildInput | undefined {
    const { side, limitPrice, style = 'market' } = this.params;
    if (style === 'market') return limitPrice === undefined ? { type: 'market' } : { type: 'limit', price: limitPrice, tif: 'ioc' };
    const quote = this.ctx.quote(this.params.symbol);
    const touch = (side === 'buy' ? quote?.bid : quote?.ask) ?? this.ctx.lastPrice(this.params.symbol);
    const price = touch === undefined ? limitPrice : limitPrice === undefined ? touch : side === 'buy' ? Math.min(touch, limitPrice) : Math.max(touch, limitPrice);
    return price === undefined ? undefined : { type: 'limit', price };
  }
}
