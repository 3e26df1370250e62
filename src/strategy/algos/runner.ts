// AlgoRunner: makes execution algorithms for a strategy and routes the strategy's timer, quote, order and fill events to them.
import type { FillView, OrderView, QuoteEvent } from '../types.ts';
import type { BaseAlgo } from './base.ts';
import { Iceberg, type IcebergOptions } from './iceberg.ts';
import { Peg, type PegOptions } from './peg.ts';
import { Scheduler } from './scheduler.ts';
import { SmartRouter, type RouteOptions } from './sor.ts';
import { Stop, TrailingStop, type StopOptions, type TrailingStopOptions } from './stops.ts';
import { Twap, type TwapOptions } from './twap.ts';
import type { AlgoContext } from './types.ts';
import { Vwap, type VwapOptions } from './vwap.ts';

export interface AlgoRunnerOptions {
  /** The strategy timer the runner uses for every algorithm's schedule (default 'algos'). */
  readonly timer?: string;
}

/**
 * Keep one in the strategy's state and forward the handlers:
 *
 *   state: () => ({ algos: new AlgoRunner() }),
 *   onTimer: (ctx, name) => ctx.state.algos.onTimer(name),
 *   onQuote: (ctx, quote) => ctx.state.algos.onQuote(quote),
 *   onOrder: (ctx, order) => ctx.state.algos.onOrder(order),
 *   onFill: (ctx, fill) => ctx.state.algos.onFill(fill),
 *
 * Algorithms see the events in the order the strategy hears them, one at a time; finished ones are
 * dropped after the event that finished them.
 */
export class AlgoRunner {
  private readonly timer: string;
  private scheduler: Scheduler | undefined;
  private ctx: AlgoContext | undefined;
  private algos: Array<BaseAlgo> = [];
  private nextId = 1;

  constructor(options: AlgoRunnerOptions = {}) {
    this.timer = options.timer ?? 'algos';
  }

  twap(ctx: AlgoContext, options: TwapOptions): Twap {
    return this.add(ctx, (env) => new Twap(env, options));
  }

  vwap(ctx: AlgoContext, options: VwapOptions): Vwap {
    return this.add(ctx, (env) => new Vwap(env, options));
  }

  peg(ctx: AlgoContext, options: PegOptions): Peg {
    return this.add(ctx, (env) => new Peg(env, options));
  }

  iceberg(ctx: AlgoContext, options: IcebergOptions): Iceberg {
    return this.add(ctx, (env) => new Iceberg(env, options));
  }

  route(ctx: AlgoContext, options: RouteOptions): SmartRouter {
    return this.add(ctx, (env) => new SmartRouter(env, options));
  }

  stop(ctx: AlgoContext, options: StopOptions): Stop {
    return this.add(ctx, (env) => new Stop(env, options));
  }

  trailingStop(ctx: AlgoContext, options: TrailingStopOptions): TrailingStop {
    return this.add(ctx, (env) => new TrailingStop(env, options));
  }

  /** Algorithms not yet finished (including those not yet started). */
  active(): readonly BaseAlgo[] {
    return this.algos.filter((algo) => algo.status().state === 'new' || algo.running);
  }

  /** True when `name` was the runner's timer (the strategy may ignore it then). */
  async onTimer(name: string): Promise<boolean> {
    if (name !== this.timer || !this.scheduler) return false;
    await this.scheduler.runDue();
    this.prune();
    return true;
  }

  async onQuote(quote: QuoteEvent): Promise<void> {
    for (const algo of this.algos) await algo.handleQuote(quote);
    this.prune();
  }

  async onOrder(order: OrderView): Promise<void> {
    for (const algo of this.algos) await algo.handleOrder(order);
    this.prune();
  }

  async onFill(fill: FillView): Promise<void> {
    for (const algo of this.algos) await algo.handleFill(fill);
    this.prune();
  }

  /** Cancels every running algorithm. */
  async cancelAll(): Promise<void> {
    for (const algo of this.algos) await algo.cancel();
    this.prune();
  }

  private add<A extends BaseAlgo>(ctx: AlgoContext, make: (env: { id: string; ctx: AlgoContext; scheduler: Scheduler }) => A): A {
    // One strategy run, one context: a runner kept across runs would schedule on a dead context.
    if (this.ctx !== ctx) {
      this.ctx = ctx;
      this.scheduler = new Scheduler(ctx, this.timer);
    }
    const algo = make({ id: `${this.nextId++}`, ctx, scheduler: this.scheduler! });
    this.algos.push(algo);
    return algo;
  }

  /**
   * Drops finished algorithms that no longer wait for anything. A finished one keeps hearing events
   * until every child's final report is in, so fills made before a cancel still count.
   */
  private prune(): void {
    this.algos = this.algos.filter((algo) => !algo.settled());
  }
}
