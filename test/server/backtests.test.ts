// Backtests and optimizations over real HTTP on SQLite and PostgreSQL: catalogs, runs on worker threads polled to the end, results, bad input, owners, the per-user limit, cancelling.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MarketHistoryRepo } from '../../src/store/index.ts';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { adminApi, newTrader, type Trader } from '../support/traders.ts';

interface Progress {
  fraction: number;
  done: number;
  total: number;
  unit: string;
  stage: string;
  etaMs: number | null;
}

interface RunView<R> {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  strategy: string;
  progress: Progress;
  error: string | null;
  skippedRows: number;
  result?: R | null;
}

interface Metrics {
  startEquity: number;
  endEquity: number;
  totalReturn: number;
  maxDrawdown: number;
  sharpe: number | null;
  trades: number;
  fills: number;
  fees: number;
}

interface BacktestResult {
  records: number;
  error: string | null;
  params: Record<string, unknown>;
  metrics: Metrics;
  equity: Array<{ ts: number; equity: number }>;
  drawdown: Array<{ ts: number; drawdown: number }>;
  prices: { symbol: string; intervalMs: number; bars: Array<{ ts: number; open: number; high: number; low: number; close: number }> };
  fills: { total: number; items: Array<{ ts: number; side: string; price: number; qty: number }> };
  marks: { every: number; total: number; items: Array<{ ts: number; side: string; price: number; qty: number }> };
  trades: { total: number; items: Array<{ openTs: number; closeTs: number | null; pnl: number }> };
  dataGaps: { total: number; items: Array<{ symbol: string; from: number; to: number; lengthMs: number }> };
}

interface OptimizationResult {
  objective: string;
  records: number;
  trials: Array<{ rank: number; params: Record<string, unknown>; score: number | null; metrics: Metrics | null; error: string | null; refused: Record<string, number> }>;
  best: { params: Record<string, unknown> } | null;
  walkForward: { folds: Array<{ inSample: { from: number; to: number }; outOfSample: { from: number; to: number }; best: unknown }>; efficiency: number | null } | null;
}

const SMA = 'examples/sma-crossover';
const synthetic = (count: number, extra: Record<string, unknown> = {}) => ({ source: 'synthetic', kind: 'bars', interval: '1m', count, seed: 7, volatility: 0.6, ...extra });
const smaRun = (symbol: string, count: number) => ({ strategy: SMA, symbol, params: { fast: 5, slow: 20, qty: 3 }, data: synthetic(count) });
/** A run long enough to watch and cancel: two million trades. */
const longRun = (symbol: string) => ({ strategy: SMA, symbol, data: { source: 'synthetic', kind: 'trades', count: 2_000_000, seed: 3 } });

/** Starts a run: 202 with it. */
function start<R>(api: Api, path: '/api/v1/backtests' | '/api/v1/optimizations', json: unknown): Promise<RunView<R>> {
  return api.ok<RunView<R>>('POST', path, { json }, [202]);
}

async function waitFor<R>(api: Api, path: string, until: (run: RunView<R>) => boolean = (run) => run.status !== 'queued' && run.status !== 'running'): Promise<RunView<R>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = await api.get<RunView<R>>(path);
    if (until(run)) return run;
    if (Date.now() > deadline) throw new Error(`${path} is still ${run.status}: ${JSON.stringify(run.progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const OPTIONS = { backtests: { maxRunning: 2 } };

// The store is read only for stored history: that part runs on both backends, the rest on SQLite.
describeEachBackend(
  'backtests of stored history over REST',
  ({ platform }) => {
    let alice: Trader;
    beforeAll(async () => {
      alice = await newTrader(platform().url);
    });

    it('lists stored series in the data catalog, backtests a range of one, and answers NO_DATA where there is none', async ({ expect }) => {
      const bars = Array.from({ length: 600 }, (_, i) => ({ openTime: Date.UTC(2024, 0, 1) + i * 60_000, open: '100', high: '101.5', low: '99.25', close: i % 40 < 20 ? '100.5' : '99.5', volume: '10' }));
      await new MarketHistoryRepo(platform().running.ctx.store.db).insert('bars', { symbol: 'S05', interval: '1m' }, bars, 'test bars');
      const data = await alice.api.get<{ stored: unknown[]; instruments: Array<{ symbol: string }>; synthetic: { kinds: string[]; maxCount: number } }>('/api/v1/backtests/data');
      expect(data.stored).toContainEqual({ symbol: 'S05', kind: 'bars', interval: '1m', rows: 600, first: bars[0]!.openTime, last: bars[599]!.openTime, backtestable: true });
      expect(data.instruments.map((i) => i.symbol)).toContain('S01');
      expect(data.synthetic.kinds).toEqual(['bars', 'trades']);
      const from = Date.UTC(2024, 0, 1) + 100 * 60_000;
      const to = Date.UTC(2024, 0, 1) + 500 * 60_000;
      const body = { strategy: 'momentum', symbol: 'S05', params: { fast: 3, slow: 8, average: 'sma' }, data: { source: 'stored', kind: 'bars', interval: '1m', from, to } };
      const started = await start<BacktestResult>(alice.api, '/api/v1/backtests', body);
      expect(started.progress.total).toBe(400);
      const run = await waitFor<BacktestResult>(alice.api, `/api/v1/backtests/${started.id}`);
      expect(run.status).toBe('done');
      expect(run.result!.records).toBe(400);
      expect(run.result!.prices.bars[0]!.ts).toBe(from);
      expect(run.result!.metrics.fills).toBeGreaterThan(0);
      expect(expectErrorWith(expect, await alice.api.call('POST', '/api/v1/backtests', { json: { ...body, data: { ...body.data, from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 0, 3) } } }), 422, 'NO_DATA').message).toContain(' in that range;');
      // No range given: the message does not speak of one.
      const { from: _from, to: _to, ...whole } = body.data as { from?: number; to?: number };
      const none = expectErrorWith(expect, await alice.api.call('POST', '/api/v1/backtests', { json: { ...body, symbol: 'S06', data: whole } }), 422, 'NO_DATA');
      expect(none.message).toMatch(/^There are no stored 1m bars of S06; /);
    }, 60_000);

    it('starts the strategy with the stored history just before from, as bourse backtest --from does', async ({ expect }) => {
      // Flat at 100 until from, then up a cent for good: warmed up, momentum sees fast cross above slow on the second bar and buys.
      const t0 = Date.UTC(2024, 1, 1);
      const from = t0 + 60 * 60_000;
      const bars = Array.from({ length: 90 }, (_, i) => ({ openTime: t0 + i * 60_000, open: '100', high: '100.01', low: '100', close: t0 + i * 60_000 > from ? '100.01' : '100', volume: '10' }));
      await new MarketHistoryRepo(platform().running.ctx.store.db).insert('bars', { symbol: 'S09', interval: '1m' }, bars, 'warm-up bars');
      const body = (range: { from?: number }) => ({ strategy: 'momentum', symbol: 'S09', params: { fast: 3, slow: 8, average: 'sma', qty: 1 }, data: { source: 'stored', kind: 'bars', interval: '1m', ...range } });
      const warm = await waitFor<BacktestResult>(alice.api, `/api/v1/backtests/${(await start<BacktestResult>(alice.api, '/api/v1/backtests', body({ from }))).id}`);
      expect(warm.result!.records).toBe(30);
      // The bar opening a minute after from closes at from + 2 min: without the history the slow average would not be ready for 8 bars, and the
      // move would pass unseen. Once slow has caught up with fast (8 bars of 100.01), fast is no longer above it: that cross down sells.
      expect(warm.result!.fills.items.map((fill) => [fill.side, fill.ts])).toEqual([
        ['buy', from + 2 * 60_000],
        ['sell', from + 9 * 60_000],
      ]);
    }, 60_000);

    it('skips a stored bar off the instrument grid and counts it, rather than failing the run', async ({ expect }) => {
      const start0 = Date.UTC(2024, 0, 2);
      const bars = Array.from({ length: 100 }, (_, i) => ({ openTime: start0 + i * 60_000, open: '100', high: '101', low: '99', close: i % 20 < 10 ? '100.5' : '99.5', volume: '10' }));
      // Stored before imports checked the grid: 100.005 is off S07's 0.01 tick.
      bars[50] = { ...bars[50]!, close: '100.005' };
      await new MarketHistoryRepo(platform().running.ctx.store.db).insert('bars', { symbol: 'S07', interval: '1m' }, bars, 'test bars');
      const body = { strategy: 'momentum', symbol: 'S07', params: { fast: 3, slow: 8, average: 'sma' }, data: { source: 'stored', kind: 'bars', interval: '1m' } };
      const started = await start<BacktestResult>(alice.api, '/api/v1/backtests', body);
      const run = await waitFor<BacktestResult>(alice.api, `/api/v1/backtests/${started.id}`);
      expect(run).toMatchObject({ status: 'done', error: null, skippedRows: 1 });
      expect(run.result!.records).toBe(99);
      const { backtests } = await alice.api.get<{ backtests: Array<RunView<unknown>> }>('/api/v1/backtests');
      expect(backtests.find((r) => r.id === started.id)).toMatchObject({ skippedRows: 1 });
    }, 60_000);

    it('reports a hole in the stored history as a data gap in the result, and none in the same history without it', async ({ expect }) => {
      // Two sessions of one-minute bars, four years apart.
      const sessions = [Date.UTC(2019, 0, 2, 14, 30), Date.UTC(2023, 0, 3, 14, 30)];
      const bars = sessions.flatMap((open) => Array.from({ length: 100 }, (_, i) => ({ openTime: open + i * 60_000, open: '100', high: '101', low: '99', close: i % 20 < 10 ? '100.5' : '99.5', volume: '10' })));
      await new MarketHistoryRepo(platform().running.ctx.store.db).insert('bars', { symbol: 'S08', interval: '1m' }, bars, 'test bars');
      const body = { strategy: 'momentum', symbol: 'S08', params: { fast: 3, slow: 8, average: 'sma' }, data: { source: 'stored', kind: 'bars', interval: '1m' } };
      const holed = await waitFor<BacktestResult>(alice.api, `/api/v1/backtests/${(await start<BacktestResult>(alice.api, '/api/v1/backtests', body)).id}`);
      expect(holed).toMatchObject({ status: 'done', error: null });
      const from = sessions[0]! + 100 * 60_000;
      expect(holed.result!.dataGaps).toEqual({ total: 1, items: [{ symbol: 'S08', from, to: sessions[1]!, lengthMs: sessions[1]! - from }] });
      const second = { ...body, data: { ...body.data, from: sessions[1] } };
      const whole = await waitFor<BacktestResult>(alice.api, `/api/v1/backtests/${(await start<BacktestResult>(alice.api, '/api/v1/backtests', second)).id}`);
      expect(whole.result).toMatchObject({ records: 100, dataGaps: { total: 0, items: [] } });
    }, 60_000);
  },
  OPTIONS,
);

describe('backtests and optimizations over REST', () => {
  let platform: TestPlatform;
  let alice: Trader;
  let bob: Trader;
  let admin: Api;
  beforeAll(async () => {
    platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, ...OPTIONS });
    alice = await newTrader(platform.url);
    bob = await newTrader(platform.url);
    admin = await adminApi(platform.url);
  }, 60_000);
  afterAll(async () => {
    await platform?.dispose();
  });

  it('lists the built-in and example strategies with their param fields', async ({ expect }) => {
    const { strategies } = await alice.api.get<{ strategies: Array<{ id: string; source: string; fields: Array<{ name: string; type: string; default?: unknown; minimum?: number }> }> }>('/api/v1/backtests/strategies');
    expect(strategies.map((s) => s.id)).toEqual(expect.arrayContaining(['momentum', 'market-maker', 'examples/sma-crossover', 'examples/mean-reversion']));
    const sma = strategies.find((s) => s.id === SMA)!;
    expect(sma.source).toBe('example');
    expect(sma.fields).toContainEqual(expect.objectContaining({ name: 'fast', type: 'integer', default: 10, minimum: 1 }));
    expect(strategies.find((s) => s.id === 'momentum')!.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['fast', 'slow', 'average', 'source']));
  });

  it('describes the endpoints and their request bodies in the OpenAPI document', async ({ expect }) => {
    const doc = await platform.api().get<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> }>('/docs/json');
    for (const path of ['/api/v1/backtests', '/api/v1/backtests/{id}', '/api/v1/backtests/strategies', '/api/v1/backtests/data', '/api/v1/optimizations', '/api/v1/optimizations/{id}']) expect(doc.paths).toHaveProperty([path]);
    expect(Object.keys(doc.paths['/api/v1/backtests']!.post!.requestBody!.content['application/json']!.schema.properties!)).toEqual(expect.arrayContaining(['strategy', 'symbol', 'data', 'fillModel', 'latency', 'fees', 'cash', 'params']));
    expect(Object.keys(doc.paths['/api/v1/optimizations']!.post!.requestBody!.content['application/json']!.schema.properties!)).toEqual(expect.arrayContaining(['space', 'method', 'objective', 'walkForward']));
  });

  it('runs a backtest on synthetic bars to the end: metrics consistent with the curves, bounded curves, trades on the chart', async ({ expect }) => {
    const started = await alice.api.call<RunView<BacktestResult>>('POST', '/api/v1/backtests', { json: smaRun('S01', 3_000) });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'backtest', strategy: SMA, progress: { total: 3_000, unit: 'records' } });
    const run = await waitFor<BacktestResult>(alice.api, `/api/v1/backtests/${started.body.id}`);
    expect(run).toMatchObject({ status: 'done', error: null, progress: { fraction: 1, done: 3_000, total: 3_000, etaMs: 0 } });
    const result = run.result!;
    expect(result).toMatchObject({ records: 3_000, error: null, params: { fast: 5, slow: 20, qty: 3 } });
    // Synthetic bars follow each other without a hole.
    expect(result.dataGaps).toEqual({ total: 0, items: [] });
    const m = result.metrics;
    expect(m.startEquity).toBe(10_000);
    expect(m.fills).toBe(result.fills.total);
    expect(m.fills).toBeGreaterThan(10);
    expect(result.fills.items).toHaveLength(m.fills);
    // Few enough fills that the price chart marks every one.
    expect(result.marks).toEqual({ every: 1, total: m.fills, items: result.fills.items });
    expect(result.trades.total).toBeGreaterThanOrEqual(m.trades);
    expect(m.trades).toBeGreaterThan(3);
    expect(m.totalReturn).toBeCloseTo(m.endEquity / m.startEquity - 1, 10);
    // Downsampled to at most 2,000 points, first and last kept.
    for (const curve of [result.equity, result.drawdown, result.prices.bars]) {
      expect(curve.length).toBeGreaterThan(100);
      expect(curve.length).toBeLessThanOrEqual(2_000);
    }
    expect(result.equity[0]!.equity).toBe(m.startEquity);
    expect(result.equity.at(-1)!.equity).toBeCloseTo(m.endEquity, 6);
    const deepest = Math.max(...result.drawdown.map((p) => p.drawdown));
    expect(deepest).toBeGreaterThan(0);
    expect(deepest).toBeLessThanOrEqual(m.maxDrawdown + 1e-12);
    // 3,000 one-minute bars become 5-minute bars for the chart, and every fill lies within the prices.
    expect(result.prices).toMatchObject({ symbol: 'S01', intervalMs: 300_000 });
    const low = Math.min(...result.prices.bars.map((b) => b.low));
    const high = Math.max(...result.prices.bars.map((b) => b.high));
    for (const fill of result.fills.items) {
      expect(fill.price).toBeGreaterThanOrEqual(low);
      expect(fill.price).toBeLessThanOrEqual(high);
      expect(fill.ts).toBeGreaterThanOrEqual(result.prices.bars[0]!.ts);
    }
    const { backtests } = await alice.api.get<{ backtests: Array<RunView<unknown>> }>('/api/v1/backtests');
    expect(backtests.map((b) => b.id)).toContain(run.id);
    expect(backtests.every((b) => b.result === undefined)).toBe(true);
  }, 60_000);

  it('runs a tiny grid optimization, ranked best first, and a walk-forward with its efficiency', async ({ expect }) => {
    const body = { strategy: 'momentum', symbol: 'S02', data: synthetic(2_000), space: { fast: [4, 8], slow: { from: 20, to: 30, step: 10 }, average: 'sma' }, objective: 'return' };
    const started = await alice.api.call<RunView<OptimizationResult>>('POST', '/api/v1/optimizations', { json: body });
    expect(started.status).toBe(202);
    expect(started.body.progress).toMatchObject({ total: 4, unit: 'trials' });
    const run = await waitFor<OptimizationResult>(alice.api, `/api/v1/optimizations/${started.body.id}`);
    expect(run).toMatchObject({ status: 'done', kind: 'optimization', progress: { done: 4, total: 4, fraction: 1 } });
    const { trials, best } = run.result!;
    expect(trials).toHaveLength(4);
    expect(trials.map((t) => t.rank)).toEqual([1, 2, 3, 4]);
    expect(trials.every((t) => t.error === null && t.metrics !== null)).toBe(true);
    // No order of these runs was refused; a run whose orders were would name them by reason.
    expect(trials.map((t) => t.refused)).toEqual([{}, {}, {}, {}]);
    const scores = trials.map((t) => t.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const trial of trials) expect(trial.score).toBeCloseTo(trial.metrics!.totalReturn, 12);
    expect(best!.params).toEqual(trials[0]!.params);
    expect(new Set(trials.map((t) => JSON.stringify(t.params))).size).toBe(4);
    // The single backtest of the winner gives the same metrics as its trial.
    const check = await start<BacktestResult>(alice.api, '/api/v1/backtests', { strategy: 'momentum', symbol: 'S02', data: synthetic(2_000), params: trials[0]!.params });
    const single = await waitFor<BacktestResult>(alice.api, `/api/v1/backtests/${check.id}`);
    expect(single.result!.metrics).toEqual(trials[0]!.metrics);

    const folded = await start<OptimizationResult>(alice.api, '/api/v1/optimizations', { ...body, walkForward: { folds: 2 } });
    expect(folded.progress.total).toBe(2 * (4 + 1));
    const walked = await waitFor<OptimizationResult>(alice.api, `/api/v1/optimizations/${folded.id}`);
    expect(walked.status).toBe('done');
    const wf = walked.result!.walkForward!;
    expect(wf.folds).toHaveLength(2);
    expect(wf.folds[0]!.inSample.to).toBe(wf.folds[0]!.outOfSample.from);
    expect(wf.folds[1]!.inSample.from).toBe(wf.folds[0]!.outOfSample.to);
    expect(wf).toHaveProperty('efficiency');
    expectErrorWith(expect, await alice.api.call('GET', `/api/v1/backtests/${folded.id}`), 404, 'NOT_FOUND');
  }, 90_000);

  it('refuses bad requests with a clear 4xx and a code, and starts nothing', async ({ expect }) => {
    const post = (kind: 'b' | 'o', json: unknown) => alice.api.call('POST', kind === 'b' ? '/api/v1/backtests' : '/api/v1/optimizations', { json });
    const good = smaRun('S03', 500);
    const invalid = expectErrorWith(expect, await post('b', { ...good, strategy: undefined }), 400, 'INVALID_BACKTEST');
    expect(invalid.details).toContainEqual(expect.objectContaining({ path: 'strategy' }));
    expectErrorWith(expect, await post('b', { ...good, data: { source: 'synthetic', count: 0 } }), 400, 'INVALID_BACKTEST');
    expectErrorWith(expect, await post('b', { ...good, data: synthetic(50_000_000) }), 400, 'INVALID_BACKTEST');
    expectErrorWith(expect, await post('b', { ...good, data: { source: 'ftp' } }), 400, 'INVALID_BACKTEST');
    expectErrorWith(expect, await post('b', { ...good, surprise: 1 }), 400, 'INVALID_BACKTEST');
    const barPath = expectErrorWith(expect, await post('b', { ...good, data: synthetic(500, { kind: 'trades' }), fillModel: 'bar-path' }), 400, 'INVALID_BACKTEST');
    expect(barPath.details).toEqual([{ path: 'fillModel', message: barPath.message }]);
    const bookReplay = expectErrorWith(expect, await post('b', { ...good, fillModel: 'book-replay' }), 400, 'INVALID_BACKTEST');
    expect(bookReplay.details).toEqual([{ path: 'fillModel', message: bookReplay.message }]);
    // Bars the strategy does not listen to would never reach its onBar: refused, not run to a summary of nothing.
    const hourly = expectErrorWith(expect, await post('b', { ...good, data: synthetic(500, { interval: '1h' }) }), 400, 'INVALID_BACKTEST');
    expect(hourly.message).toBe('sma-crossover listens to 1m bars and the data is 1h bars, so its onBar would never run: use 1m bars, or list "1h" in the strategy\'s bars.');
    expect(hourly.details).toEqual([{ path: 'data.interval', message: hourly.message.slice(0, -1) }]);
    // More decimals than the quote currency has is refused up front at cash, in the words `bourse backtest --cash` uses.
    const fine = expectErrorWith(expect, await post('b', { ...good, cash: '10.001' }), 400, 'INVALID_BACKTEST');
    expect(fine.message).toMatch(/^cash 10\.001 has more decimals than USD has: at most \d decimal places? \(its minor unit is 0\.0*1\)$/);
    expect(fine.details).toEqual([{ path: 'cash', message: fine.message }]);
    // Plain digits, as every decimal of the API: no redundant leading zeros.
    // Read by plainDecimalText, the rule `bourse backtest --cash` uses too: a sign, an exponent or zero is refused as well.
    for (const cash of ['05000', '0', '0.00', '-5', '1e4', ' 5']) {
      expect(expectErrorWith(expect, await post('b', { ...good, cash }), 400, 'INVALID_BACKTEST').details, cash).toEqual([{ path: 'cash', message: 'cash must be a positive decimal string such as "10000" or "190.25" (digits, no spaces, exponent or leading zeros)' }]);
    }
    const offGrid = expectErrorWith(expect, await post('b', { ...good, data: synthetic(500, { startPrice: '100.005' }) }), 400, 'INVALID_BACKTEST');
    expect(offGrid.details).toEqual([{ path: 'data.startPrice', message: offGrid.message }]);
    expectErrorWith(expect, await post('b', { ...good, strategy: 'teleport' }), 422, 'UNKNOWN_STRATEGY');
    expectErrorWith(expect, await post('b', { ...good, strategy: 'examples/../../etc/passwd' }), 422, 'UNKNOWN_STRATEGY');
    expect(expectErrorWith(expect, await post('b', { ...good, symbol: 'NOPE' }), 422, 'UNKNOWN_SYMBOL').details).toEqual([{ path: 'symbol', message: 'NOPE is not listed; GET /api/v1/backtests/data lists the symbols a backtest can trade.' }]);
    const params = expectErrorWith(expect, await post('b', { ...good, params: { fast: -1 } }), 400, 'INVALID_PARAMS');
    expect(params.details).toEqual([{ path: 'params.fast', message: expect.stringContaining('fast') as string }]);
    expectErrorWith(expect, await post('b', { ...good, params: { fsat: 3 } }), 400, 'INVALID_PARAMS');
    // One line, as every refusal's message is; each problem also has its own entry in the details.
    expect(params.message).toBe('Invalid params for strategy sma-crossover: fast must be at least 1');

    const optimization = { strategy: 'momentum', symbol: 'S03', data: synthetic(500), space: { fast: [3, 5] } };
    expectErrorWith(expect, await post('o', { ...optimization, space: {} }), 400, 'INVALID_OPTIMIZATION');
    expectErrorWith(expect, await post('o', { ...optimization, objective: 'luck' }), 400, 'INVALID_OPTIMIZATION');
    const badRange = expectErrorWith(expect, await post('o', { ...optimization, space: { fast: { from: 9, to: 1 } } }), 400, 'INVALID_OPTIMIZATION');
    expect(badRange.details).toEqual([{ path: 'space.fast', message: badRange.message }]);
    const tooMany = expectErrorWith(expect, await post('o', { ...optimization, space: { fast: { from: 1, to: 200 }, slow: { from: 1, to: 200 } } }), 400, 'INVALID_OPTIMIZATION');
    expect(tooMany.details).toEqual([{ path: 'space', message: tooMany.message }]);
    expectErrorWith(expect, await post('o', { ...optimization, space: { speed: [1, 2] } }), 400, 'INVALID_PARAMS');
    expectErrorWith(expect, await post('o', { ...optimization, walkForward: { folds: 0 } }), 400, 'INVALID_OPTIMIZATION');

    expectErrorWith(expect, await platform.api().call('POST', '/api/v1/backtests', { json: good }), 401, 'UNAUTHENTICATED');
    expectErrorWith(expect, await platform.api().call('GET', '/api/v1/backtests'), 401, 'UNAUTHENTICATED');
    const key = await alice.api.createKey('reader', ['read']);
    const reader = platform.api().withKey(key.id, key.secret);
    expect(await reader.get('/api/v1/backtests/strategies')).toHaveProperty('strategies');
    expectErrorWith(expect, await reader.call('POST', '/api/v1/backtests', { json: good }), 403, 'FORBIDDEN');
    expect((await alice.api.get<{ backtests: Array<RunView<unknown>> }>('/api/v1/backtests')).backtests.filter((b) => b.strategy === SMA && JSON.stringify(b).includes('S03'))).toEqual([]);
  }, 30_000);

  it("answers another user's run as missing; an admin sees every run", async ({ expect }) => {
    const started = await start<BacktestResult>(alice.api, '/api/v1/backtests', smaRun('S04', 300));
    expectErrorWith(expect, await bob.api.call('GET', `/api/v1/backtests/${started.id}`), 404, 'NOT_FOUND');
    expectErrorWith(expect, await bob.api.call('DELETE', `/api/v1/backtests/${started.id}`), 404, 'NOT_FOUND');
    expect((await bob.api.get<{ backtests: unknown[] }>('/api/v1/backtests')).backtests).toEqual([]);
    expect((await admin.get<RunView<unknown>>(`/api/v1/backtests/${started.id}`)).id).toBe(started.id);
    expect((await admin.get<{ backtests: Array<RunView<unknown>> }>('/api/v1/backtests')).backtests.map((b) => b.id)).toContain(started.id);
    expect((await waitFor(alice.api, `/api/v1/backtests/${started.id}`)).status).toBe('done');
  }, 30_000);

  it('limits a user to two runs queued or running, cancels a running one (its worker stops) and forgets a finished one', async ({ expect }) => {
    const carol = await newTrader(platform.url);
    const first = await start<unknown>(carol.api, '/api/v1/backtests', longRun('S07'));
    const second = await start<unknown>(carol.api, '/api/v1/optimizations', { ...longRun('S07'), space: { fast: [5, 6] } });
    expectErrorWith(expect, await carol.api.call('POST', '/api/v1/backtests', { json: smaRun('S07', 100) }), 409, 'BACKTEST_LIMIT');
    // Others are not held back by carol's limit.
    const other = await bob.api.call('POST', '/api/v1/backtests', { json: smaRun('S07', 100) });
    expect(other.status).toBe(202);

    const running = await waitFor<unknown>(carol.api, `/api/v1/backtests/${first.id}`, (run) => run.status === 'running' && run.progress.done > 0);
    expect(running.progress.stage).toBe('running');
    expect(running.progress.fraction).toBeGreaterThan(0);
    expect(running.progress.fraction).toBeLessThan(1);
    expect(running.progress.etaMs).toBeGreaterThan(0);
    const cancelled = await carol.api.ok<RunView<unknown>>('DELETE', `/api/v1/backtests/${first.id}`);
    expect(cancelled.status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await carol.api.get<RunView<unknown>>(`/api/v1/backtests/${first.id}`);
    expect(after).toMatchObject({ status: 'cancelled', result: null });
    expect(after.progress.done).toBe(cancelled.progress.done);

    // A slot is free again.
    const third = await start<unknown>(carol.api, '/api/v1/backtests', smaRun('S07', 200));
    expectErrorWith(expect, await carol.api.call('POST', '/api/v1/backtests', { json: smaRun('S07', 100) }), 409, 'BACKTEST_LIMIT');
    expect((await carol.api.ok<RunView<unknown>>('DELETE', `/api/v1/optimizations/${second.id}`)).status).toBe('cancelled');
    expect((await waitFor(carol.api, `/api/v1/backtests/${third.id}`)).status).toBe('done');
    expect((await waitFor(bob.api, `/api/v1/backtests/${(other.body as RunView<unknown>).id}`)).status).toBe('done');

    // Deleting a finished run forgets it.
    expect((await carol.api.call('DELETE', `/api/v1/backtests/${first.id}`)).status).toBe(204);
    expectErrorWith(expect, await carol.api.call('GET', `/api/v1/backtests/${first.id}`), 404, 'NOT_FOUND');
    expect((await carol.api.get<{ backtests: Array<RunView<unknown>> }>('/api/v1/backtests')).backtests.map((b) => b.id)).toEqual([third.id]);
  }, 60_000);

  it('cancels every queued and running run when the server closes, its worker terminated', async ({ expect }) => {
    const own = await TestPlatform.start({ marketsFile: TEST_MARKETS, backtests: { maxRunning: 1 } });
    try {
      const dave = await newTrader(own.url);
      const running = await start<unknown>(dave.api, '/api/v1/backtests', longRun('S08'));
      const queued = await start<unknown>(dave.api, '/api/v1/backtests', longRun('S08'));
      expect(queued.status).toBe('queued');
      await waitFor<unknown>(dave.api, `/api/v1/backtests/${running.id}`, (run) => run.progress.done > 0);
      const service = own.running.ctx.backtests;
      // Close resolves once the workers are terminated.
      await own.close();
      const principal = { userId: dave.user.id, accountId: dave.user.accountId, role: 'trader', scopes: ['read', 'trade'] } as const;
      expect(service.list(principal, 'backtest').map((r) => [r.id, r.status, r.error])).toEqual([
        [queued.id, 'cancelled', 'the server shut down'],
        [running.id, 'cancelled', 'the server shut down'],
      ]);
    } finally {
      await own.dispose();
    }
  }, 60_000);
});
