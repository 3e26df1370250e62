// Stop and trailing stop in the algorithms' vocabulary: thin wrappers over the venue's native stop, stop_limit and trailing_stop orders.
import { BaseAlgo, problem, type Child, type ChildInput } from './base.ts';
import type { AlgoOrder, ParamProblem } from './types.ts';
import type { OrderView } from '../types.ts';

export interface StopOptions extends AlgoOrder {
  readonly stopPrice: number;
  /** Makes it a stop_limit at this price once triggered. */
  readonly limitPrice?: number;
}

export interface TrailingStopOptions extends Omit<AlgoOrder, 'limitPrice'> {
  /** Trail by this price distance, or by `trailPercent` percent; give exactly one. */
  readonly trailAmount?: number;
  readonly trailPercent?: number;
}

/** One native order does the work; the algorithm tracks it, and cancel() withdraws it. */
abstract class NativeOrderAlgo<O extends AlgoOrder> extends BaseAlgo<O> {
  protected abstract order(): ChildInput;

  protected async begin(): Promise<void> {
    // Resumed with the earlier run's order still open: it goes on working.
    if (this.workingChildren().length > 0) return;
    if (!(await this.place(this.available(), this.order()))) await this.end('failed');
  }

  protected override async afterOrder(child: Child, order: OrderView): Promise<void> {
    await this.endIfLost(child, order);
  }
}

export class Stop extends NativeOrderAlgo<StopOptions> {
  readonly kind = 'stop';

  protected validate(): ParamProblem | undefined {
    return this.params.stopPrice > 0 ? undefined : problem('stopPrice', `stopPrice must be positive, got ${this.params.stopPrice}`);
  }

  protected order(): ChildInput {
    const { stopPrice, limitPrice } = this.params;
    return limitPrice === undefined ? { type: 'stop', stopPrice } : { type: 'stop_limit', stopPrice, price: limitPrice };
  }
}

export class TrailingStop extends NativeOrderAlgo<TrailingStopOptions> {
  readonly kind = 'trailing_stop';

  protected validate(): ParamProblem | undefined {
    const { trailAmount, trailPercent } = this.params;
    if ((trailAmount === undefined) === (trailPercent === undefined)) return problem('trailAmount', 'give exactly one of trailAmount and trailPercent');
    const value = trailAmount ?? trailPercent ?? 0;
    return value > 0 ? undefined : problem(trailAmount !== undefined ? 'trailAmount' : 'trailPercent', `the trail must be positive, got ${value}`);
  }

  protected order(): ChildInput {
    const { trailAmount, trailPercent } = this.params;
    return trailAmount !== undefined ? { type: 'trailing_stop', trailAmount } : { type: 'trailing_stop', trailPercent: trailPercent! };
  }
}
