// The run lists carry each finished run's headline metrics (a backtest's own, an optimization's best trial's), so a client can show them without reading every result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

interface Metrics {
  totalReturn: number;
  sharpe: number | null;
  maxDrawdown: number;
  trades: number;
}

interface RunView {
  id: number;
  status: string;
  metrics: Metrics | null;
  result?: { metrics?: Metrics; best?: { metrics: Metrics } | null } | null;
}

const data = { source: 'synthetic', kind: 'bars', interval: '1m', count: 2_000, seed: 7, volatility: 0.6 };

async function finished(trader: Trader, path: string): Promise<RunView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = await trader.api.get<RunView>(path);
    if (run.status !== 'queued' && run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`${path} is still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('run lists with headline metrics', () => {
  let platform: TestPlatform;
  let alice: Trader;
  beforeAll(async () => {
    platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, backtests: { maxRunning: 2 } });
    alice = await newTrader(platform.url);
  }, 60_000);
  afterAll(async () => {
    await platform?.dispose();
  });

  it('gives null while a run is active and the result metrics once it is done, without the result itself', async () => {
    const started = await alice.api.ok<RunView>('POST', '/api/v1/backtests', { json: { strategy: 'examples/sma-crossover', symbol: 'S01', params: { fast: 5, slow: 20 }, data } }, [202]);
    expect(started.metrics).toBeNull();
    const done = await finished(alice, `/api/v1/backtests/${started.id}`);
    expect(done.status).toBe('done');
    const { backtests } = await alice.api.get<{ backtests: RunView[] }>('/api/v1/backtests');
    const listed = backtests.find((b) => b.id === started.id)!;
    expect(listed.result).toBeUndefined();
    expect(listed.metrics).toEqual(done.result!.metrics);
    expect(listed.metrics!.trades).toBeGreaterThan(0);
  }, 60_000);

  it("gives an optimization's best trial's metrics, and none with walk-forward", async () => {
    const body = { strategy: 'examples/sma-crossover', symbol: 'S02', data, space: { fast: [5, 10], slow: 30 }, objective: 'return' };
    const started = await alice.api.ok<RunView>('POST', '/api/v1/optimizations', { json: body }, [202]);
    const done = await finished(alice, `/api/v1/optimizations/${started.id}`);
    expect(done.status).toBe('done');
    const folded = await alice.api.ok<RunView>('POST', '/api/v1/optimizations', { json: { ...body, walkForward: { folds: 2 } } }, [202]);
    await finished(alice, `/api/v1/optimizations/${folded.id}`);
    const { optimizations } = await alice.api.get<{ optimizations: RunView[] }>('/api/v1/optimizations');
    expect(optimizations.find((o) => o.id === started.id)!.metrics).toEqual(done.result!.best!.metrics);
    expect(optimizations.find((o) => o.id === folded.id)!.metrics).toBeNull();
  }, 90_000);
});
