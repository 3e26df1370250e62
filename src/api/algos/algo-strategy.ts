// The strategy an algo order runs as: it starts one algorithm for the client's account and stops when the algorithm ends.
import { AlgoRunner, defineStrategy, z, type Algo, type AlgoContext, type AlgoFill, type AlgoRefusal, type AlgoStatus } from '../../strategy/index.ts';
import type { DecimalInput } from '../../platform/units.ts';
import type { AlgoSpec } from './algo-spec.ts';

export interface AlgoWatch {
  /** The algorithm, once made; its status is the algo order's. */
  algo: Algo | undefined;
  /** Set when start() refused the spec: bad parameters are named in its details. */
  refused: AlgoRefusal | undefined;
  /** Called once the algorithm has ended (done, expired, cancelled or failed). */
  readonly ended: (status: AlgoStatus) => void;
  /** Called with each fill the algorithm counts, so the API can sum them exactly. */
  readonly filled: (fill: AlgoFill) => void;
}

const num = (text: DecimalInput | undefined) => (text === undefined ? undefined : Number(text));

function make(runner: AlgoRunner, ctx: AlgoContext, spec: AlgoSpec): Algo {
  const base = { symbol: spec.symbol, side: spec.side, qty: spec.qty };
  switch (spec.type) {
    case 'twap':
      return runner.twap(ctx, { ...base, limitPrice: num(spec.limitPrice), durationMs: spec.durationMs, slices: spec.slices, style: spec.style, randomize: spec.randomize, catchUp: spec.catchUp });
    case 'vwap':
      return runner.vwap(ctx, { ...base, limitPrice: num(spec.limitPrice), durationMs: spec.durationMs, slices: spec.slices, style: spec.style, randomize: spec.randomize, catchUp: spec.catchUp, profile: spec.profile });
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
export function algoStrategy(spec: AlgoSpec, watch: AlgoWatch) {
  return defineStrategy({
    name: `algo-${spec.type}`,
    params: z.object({}),
    symbols: [spec.symbol],
    bars: [],
    historySize: 0,
    state: () => ({ algos: new AlgoRunner() }),
    async onStart(ctx) {
      const algo = make(ctx.state.algos, ctx, spec);
      watch.algo = algo;
      algo.onDone((status) => watch.ended(status));
      algo.onFill((fill) => watch.filled(fill));
      const started = await algo.start();
      if (!started.ok) watch.refused = started;
    },
    onTimer: async (ctx, name) => void (await ctx.state.algos.onTimer(name)),
    onQuote: (ctx, quote) => ctx.state.algos.onQuote(quote),
    onOrder: (ctx, order) => ctx.state.algos.onOrder(order),
    onFill: (ctx, fill) => ctx.state.algos.onFill(fill),
    async onStop(ctx) {
      await ctx.state.algos.cancelAll();
    },
  });
}
