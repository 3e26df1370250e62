// Iceberg: a large limit order shown a display quantity at a time; when the visible clip fills, the next one is sent.
import { BaseAlgo, problem, type Child } from './base.ts';
import type { AlgoOrder, AlgoStatus, ParamProblem } from './types.ts';
import type { OrderView } from '../types.ts';

export interface IcebergOptions extends AlgoOrder {
  /** The price every clip rests at. */
  readonly limitPrice: number;
  /** The most any clip shows (a number rounds down to whole lots). */
  readonly displayQty: number | string;
  /** Seeded by ctx.random: each clip shows up to this fraction less than displayQty, so clips are harder to spot. */
  readonly displayJitter?: number;
}

export interface IcebergStatus extends AlgoStatus {
  readonly clips: number;
}

/** Invariant: at most one clip works at a time, and no clip is larger than displayQty. */
export class Iceberg extends BaseAlgo<IcebergOptions> {
  readonly kind = 'iceberg';
  private displayLots = 0;
  private current: Child | undefined;

  override status(): IcebergStatus {
    return { ...super.status(), clips: this.sent };
  }

  protected validate(): ParamProblem | undefined {
    const { limitPrice, displayJitter = 0 } = this.params;
    if (!(limitPrice > 0)) return problem('limitPrice', 'limitPrice is required');
    this.displayLots = this.grid.lots(this.params.displayQty);
    if (this.displayLots <= 0) return problem('displayQty', `displayQty ${String(this.params.displayQty)} is less than one lot`);
    if (!(displayJitter >= 0 && displayJitter <= 1)) return problem('displayJitter', `displayJitter must be within 0..1, got ${displayJitter}`);
    return undefined;
  }

  protected begin(): Promise<void> {
    // Resumed: the earlier run's clip, if still open, works on; the next follows when it fills.
    this.current = this.workingChildren()[0];
    return this.next();
  }

  protected override async afterFill(child: Child): Promise<void> {
    if (child === this.current && child.filledSeen >= child.lots) await this.next();
  }

  protected override async afterOrder(child: Child, order: OrderView): Promise<void> {
    await this.endIfLost(child, order);
  }

  /** A clip refused while the symbol was halted is sent again on the next quote. */
  protected override async afterQuote(): Promise<void> {
    if (this.waitingForTrading()) await this.next();
  }

  private async next(): Promise<void> {
    const working = this.current;
    if (working && !working.ended && working.filledSeen < working.lots) return;
    const jitter = this.params.displayJitter ?? 0;
    const shown = jitter > 0 ? this.displayLots - Math.floor(this.displayLots * jitter * this.ctx.random.next()) : this.displayLots;
    const lots = Math.min(Math.max(1, shown), this.available());
    if (lots <= 0) return;
    this.current = await this.place(lots, { type: 'limit', price: this.params.limitPrice });
    if (!this.current) await this.afterRefusal();
  }
}
