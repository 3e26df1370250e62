import { describe, expect, it } from 'vitest';
import { contextVenue, SimVenue, type RouteStatus, type SmartRouter } from '../../strategy/index.ts';
import { quote, runAlgo, T0, trades } from './harness.ts';

describe('smart order routing', () => {
  it('splits across the primary and a sim venue, best price first, up to each displayed size', async () => {
    let sim: SimVenue | undefined;
    // Primary (the backtest's book) offers 30 at 100.05; the sim venue 20 at 100.00, later 4 at 100.07.
    const data = [quote(1000, 99.95, 100.05, 50, 30), ...trades(1500, 4500, 1000, 100), quote(5000, 99.95, 100.08, 50, 50)];
    const { result, observed } = await runAlgo((ctx, algos) => {
      sim = new SimVenue({
        name: 'sim',
        now: () => ctx.clock.now(),
        quotes: [
          { symbol: 'ACME', ts: T0, bid: 99.9, bidQty: 10, ask: 100, askQty: 20 },
          { symbol: 'ACME', ts: T0 + 5000, bid: 99.9, bidQty: 10, ask: 100.07, askQty: 4 },
        ],
      });
      return algos.route(ctx, { symbol: 'ACME', side: 'buy', qty: 60, limitPrice: 100.1, venues: [contextVenue(ctx), sim], untilFilled: true });
    }, data);
    const algo = observed.algo as SmartRouter;
    expect(algo.split().map((leg) => [leg.venue, leg.price, leg.qty, leg.filledQty])).toEqual([
      ['sim', 100, 20, 20],
      ['primary', 100.05, 30, 30],
      ['sim', 100.07, 4, 4],
      ['primary', 100.08, 6, 6],
    ]);
    // The primary venue's legs are the strategy's own fills, at the times they were routed.
    expect(result.fills.map((f) => [f.ts - T0, f.price, f.qty])).toEqual([
      [1000, 100.05, 30],
      [5000, 100.08, 6],
    ]);
    expect(sim!.fills().map((f) => [f.ts - T0, f.price, f.qty])).toEqual([
      [1000, 100, 20],
      [5000, 100.07, 4],
    ]);
    const status: RouteStatus = algo.status();
    expect(status).toMatchObject({ state: 'done', filledQty: 60, remainingQty: 0 });
    expect(status.avgPrice).toBeCloseTo((20 * 100 + 30 * 100.05 + 4 * 100.07 + 6 * 100.08) / 60, 9);
    expect(observed.fills.map((f) => f.venue)).toEqual(['sim', 'primary', 'sim', 'primary']);
  });

  it('never routes beyond the limit, and a single pass that runs out of liquidity expires', async () => {
    let sim: SimVenue | undefined;
    const data = [quote(1000, 99.95, 100.05, 50, 30), ...trades(1500, 3500, 1000, 100)];
    const { observed } = await runAlgo((ctx, algos) => {
      sim = new SimVenue({ name: 'sim', now: () => ctx.clock.now(), quotes: [{ symbol: 'ACME', ts: T0, bid: 99.9, bidQty: 10, ask: 100.02, askQty: 15 }] });
      return algos.route(ctx, { symbol: 'ACME', side: 'buy', qty: 40, limitPrice: 100.03, venues: [contextVenue(ctx), sim] });
    }, data);
    const algo = observed.algo as SmartRouter;
    expect(algo.split().map((leg) => [leg.venue, leg.price, leg.qty])).toEqual([['sim', 100.02, 15]]);
    expect(observed.done?.status).toMatchObject({ state: 'expired', filledQty: 15, remainingQty: 25 });
    // What it took is off the sim venue's quote until the next one.
    expect(sim!.quote('ACME')).toMatchObject({ ask: 100.02, askQty: 0 });
  });

  it('routes a sell to the best bid first', async () => {
    const data = [quote(1000, 99.95, 100.05, 8, 30), ...trades(1500, 2500, 1000, 100)];
    const { result, observed } = await runAlgo((ctx, algos) => {
      const sim = new SimVenue({ name: 'sim', now: () => ctx.clock.now(), quotes: [{ symbol: 'ACME', ts: T0, bid: 99.9, bidQty: 50, ask: 100.1, askQty: 10 }] });
      return algos.route(ctx, { symbol: 'ACME', side: 'sell', qty: 20, venues: [sim, contextVenue(ctx)] });
    }, data);
    expect((observed.algo as SmartRouter).split().map((leg) => [leg.venue, leg.price, leg.qty])).toEqual([
      ['primary', 99.95, 8],
      ['sim', 99.9, 12],
    ]);
    expect(result.fills.map((f) => [f.side, f.price, f.qty])).toEqual([['sell', 99.95, 8]]);
    expect(observed.algo?.status().state).toBe('done');
  });

  it('ends as failed when a venue refuses a leg, rather than routing on', async () => {
    // The sim venue fills 10 at 100.00 off the account; the primary leg needs more cash than the account holds.
    const data = [quote(1000, 99.95, 100.05, 50, 30), ...trades(1500, 4500, 1000, 100), quote(5000, 99.95, 100.04, 50, 50)];
    const { result, observed } = await runAlgo(
      (ctx, algos) => {
        const sim = new SimVenue({ name: 'sim', now: () => ctx.clock.now(), quotes: [{ symbol: 'ACME', ts: T0, bid: 99.9, bidQty: 10, ask: 100, askQty: 10 }] });
        return algos.route(ctx, { symbol: 'ACME', side: 'buy', qty: 40, venues: [contextVenue(ctx), sim], untilFilled: true });
      },
      data,
      { deposits: { USD: '10', ACME: '0' } },
    );
    const algo = observed.algo as SmartRouter;
    expect(algo.split().map((leg) => [leg.venue, leg.price, leg.qty])).toEqual([['sim', 100, 10]]);
    expect(observed.done).toMatchObject({ at: T0 + 1000, status: { state: 'failed', filledQty: 10, remainingQty: 30 } });
    expect(algo.status().lastError).toMatch(/^primary: INSUFFICIENT_FUNDS/);
    // The later quote routes nothing more.
    expect(result.fills).toEqual([]);
  });
});
