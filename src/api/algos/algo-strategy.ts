// The strategy an algo order runs as: it starts one algorithm for the client's account and stops when the algorithm ends.
import { AlgoRunner, defineStrategy, z, type Algo, type AlgoContext, type AlgoFill, type AlgoRefusal, type AlgoResume, type AlgoStatus } from '../../strategy/index.ts';
import type { DecimalInput } from '../../platform/units.ts';
import type { AlgoSpec } from './algo-spec.ts';
import { childOrderIdPrefix } from './child-order-id.ts';

export interface AlgoWatch {
  /** The algorithm, once made; its status is the algo order's. */
  algo: Algo | undefined;
  /** Set when start() refused the spec: bad parameters are named in its details. */
  refused: AlgoRefusal | undefined;
  /** Called once the algorithm has ended (done, expired, cancelled or failed). */
  readonly ended: (status: AlgoStatus) => void;
  /** Called with each fill the algorithm counts, so the API can sum them exactly. */
  readonly filled: (fill: AlgoFill) => void;
  /** Called after each order report, fill and timer the algorithm handled: its progress may have moved. */
  readonly changed: () => void;
  /** The earlier run's work, when the algo order is resumed after a restart. */
  readonly resume: AlgoResume | undefined;
  /** Set when the platform stops: the run stops and its child orders stay, for the next start to resume. */
  suspending: boolean;
}

const num = (text: DecimalInput | undefined) => (text === undefined ? undefined : Number(text));

/** `startAt`: when the algo order was created, so a resumed schedule keeps its slice times. */
function make(runner: AlgoRunner, ctx: AlgoContext, spec: AlgoSpec, startAt: number, algoOrderId: number): Algo {
  const base = { symbol: spec.symbol, side: spec.side, qty: spec.qty, childOrderIdPrefix: childOrderIdPrefix(algoOrderId) };
  switch (spec.type) {
    case 'twap':
      return runner.twap(ctx, { ...base, limitPrice: num(spec.limitPrice), durationMs: spec.durationMs, slices: spec.slices, startAt, style: spec.style, randomize: spec.randomize, catchUp: spec.catchUp });
    case 'vwap':
      return runner.vwap(ctx, { ...base, limitPrice: num(spec.limitPrice), durationMs: spec.durationMs, slices: spec.slices, startAt, style: spec.style, randomize: spec.randomize, catchUp: spec.catchUp, profile: spec.profile });
    case 'peg':
      return runner.peg(ctx, { ...base, limitPrice: num(spec.limitPrice), improveTicks: spec.improveTicks });
    case 'iceberg':
      return runner.iceberg(ctx, { ...base, limitPrice: Number(spec.limitPrice), displayQty: spec.displayQty, displayJitter: spec.displayJitter });
    case 'stop':
      return runner.stop(ctx, { ...base, stopPrice: Number(spec.stopPrice), limitPrice: num(spec.limitPrice) });
    case 'trailing_stop':
      return runner.trailingStop(ctx, { ...base, trailAmount: num(spec.trailAmount), trailPercent: num(spec.trailPercent) });
  }
}

/** One definition per algo order: the spec and the watch are its own. */
export function algoStrategy(algoOrderId: number, spec: AlgoSpec, startAt: number, watch: AlgoWatch) {
  return defineStrategy({
    name: `algo-${spec.type}`,
    params: z.object({}),
    symbols: [spec.symbol],
    bars: [],
    historySize: 0,
    state: () => ({ algos: new AlgoRunner() }),
    async onStart(ctx) {
      const algo = make(ctx.state.algos, ctx, spec, startAt, algoOrderId);
      watch.algo = algo;
      algo.onDone((status) => watch.ended(status));
      algo.onFill((fill) => watch.filled(fill));
      const started = await algo.start(watch.resume);
      if (!started.ok) watch.refused = started;
    },
    async onTimer(ctx, name) {
      await ctx.state.algos.onTimer(name);
      watch.changed();
    },
    onQuote: (ctx, quote) => ctx.state.algos.onQuote(quote),
    async onOrder(ctx, order) {
      await ctx.state.algos.onOrder(order);
      watch.changed();
    },
    async onFill(ctx, fill) {
      await ctx.state.algos.onFill(fill);
      watch.changed();
    },
    async onStop(ctx) {
      // A stop for the platform's shutdown leaves the child orders working; any other stop ends the algorithm.
      if (!watch.suspending) await ctx.state.algos.cancelAll();
    },
  });
}
