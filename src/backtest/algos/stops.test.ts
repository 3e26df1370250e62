import { describe, expect, it } from 'vitest';
import { runAlgo, T0, trade } from './harness.ts';

describe('stop and trailing stop algorithms', () => {
  it('a stop sells when the price falls to it, through the native stop order', async () => {
    const data = [trade(1000, 100), trade(2000, 99.8), trade(3000, 99.4), trade(4000, 99.6)];
    const { result, observed } = await runAlgo((ctx, algos) => algos.stop(ctx, { symbol: 'ACME', side: 'sell', qty: 10, stopPrice: 99.5 }), data);
    expect(observed.orders[0]).toMatchObject({ type: 'stop', stopPrice: 99.5, status: 'untriggered' });
    // Triggered by the 99.40 print, it takes the bid one tick below it.
    expect(result.fills.map((f) => [f.ts - T0, f.side, f.price, f.qty])).toEqual([[3000, 'sell', 99.39, 10]]);
    expect(observed.algo?.status()).toMatchObject({ state: 'done', filledQty: 10 });
  });

  it('a trailing stop follows the high and sells a trail below it', async () => {
    const data = [trade(1000, 100), trade(2000, 101), trade(3000, 102), trade(4000, 101.5), trade(5000, 100.9), trade(6000, 100)];
    const { result, observed } = await runAlgo((ctx, algos) => algos.trailingStop(ctx, { symbol: 'ACME', side: 'sell', qty: 10, trailAmount: 1 }), data);
    expect(observed.orders[0]).toMatchObject({ type: 'trailing_stop' });
    expect(result.fills.map((f) => [f.ts - T0, f.side, f.price, f.qty])).toEqual([[5000, 'sell', 100.89, 10]]);
    expect(observed.algo?.status().state).toBe('done');
  });

  it('cancel() withdraws the stop; a trail needs exactly one of amount and percent', async () => {
    const refusals: string[] = [];
    const { observed } = await runAlgo((ctx, algos) => {
      const stop = algos.stop(ctx, { symbol: 'ACME', side: 'sell', qty: 10, stopPrice: 90 });
      const bad = algos.trailingStop(ctx, { symbol: 'ACME', side: 'sell', qty: 1, trailAmount: 1, trailPercent: 1 });
      // The cancel lands while the stop's placement is still on its way: the late order is withdrawn.
      void bad.start().then((r) => {
        refusals.push(r.ok ? 'ok' : r.message);
        return stop.cancel();
      });
      return stop;
    }, [trade(1000, 100), trade(2000, 101)]);
    expect(observed.orders.map((o) => [o.type, o.status])).toEqual([
      ['stop', 'untriggered'],
      ['stop', 'cancelled'],
    ]);
    expect(observed.algo?.status()).toMatchObject({ state: 'cancelled', filledQty: 0, openOrders: [] });
    expect(refusals).toEqual(['trailing_stop: give exactly one of trailAmount and trailPercent']);
  });
});
