// A custom objective file: a result that is not a number ranks the run last, but one that throws stops the search and says where.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../columns.ts';
import type { BacktestMetrics } from '../metrics.ts';
import type { BacktestMarket } from '../types.ts';
import { loadObjective, ObjectiveThrewError } from './objective-file.ts';
import { optimize } from './optimize.ts';

const METRICS = { totalReturn: 0.1, maxDrawdown: 0.05 } as BacktestMetrics;

async function objectiveFile(source: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'bourse-objective-')), 'objective.mjs');
  await writeFile(path, source);
  return path;
}

describe('loadObjective', () => {
  it('scores with the exported function, and gives NaN for a result that is not a number', async () => {
    const objective = await loadObjective(await objectiveFile('export default (m) => m.totalReturn - 2 * m.maxDrawdown;\n'));
    expect(objective(METRICS, { fast: 5 })).toBeCloseTo(0, 12);
    const wordy = await loadObjective(await objectiveFile('export const objective = () => "high";\n'));
    expect(wordy(METRICS, { fast: 5 })).toBeNaN();
  });

  it('names the file and the params of the run when the function throws, keeping the error as the cause', async () => {
    const path = await objectiveFile('export default (m) => m.nonexistent.foo;\n');
    const objective = await loadObjective(path);
    let thrown: unknown;
    try {
      objective(METRICS, { fast: 5, slow: 20 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ObjectiveThrewError);
    expect((thrown as Error).message).toBe(`the objective ${path} threw on {"fast":5,"slow":20}: Cannot read properties of undefined (reading 'foo')`);
    expect((thrown as Error).cause).toBeInstanceOf(TypeError);
  });

  it('quotes a thrown value that is not an Error', async () => {
    const path = await objectiveFile('export default () => { throw "no score for you"; };\n');
    const objective = await loadObjective(path);
    expect(() => objective(METRICS, { mode: 'ema' })).toThrow(`the objective ${path} threw on {"mode":"ema"}: no score for you`);
  });

  it('fails the optimization with that message, rather than ranking the run last', async () => {
    const path = await objectiveFile('export default (m) => m.nonexistent.foo;\n');
    const strategyPath = fileURLToPath(new URL('../../../examples/sma-crossover.ts', import.meta.url));
    const acme = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 5, takerFeeBps: 10, referencePrice: '100', bandBps: 10_000 };
    const market: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [acme] };
    const builder = new ColumnBuilder();
    for (let i = 0; i < 200; i++) {
      const t = 1_700_000_000_000 + i * 60_000;
      const close = 10_000 + Math.round(Math.sin(i / 10) * 200);
      builder.add({ kind: 'bar', symbol: 'ACME', interval: '1m', openTime: t, ts: t + 60_000, open: close, high: close + 5, low: close - 5, close, volume: 100 });
    }
    const setup = { strategyPath, market, columns: builder.finish(), settings: { deposits: { USD: '100000' } } };
    await expect(optimize({ ...setup, space: { fast: [5], slow: [20] }, objective: await loadObjective(path), workers: 0 })).rejects.toThrow(`the objective ${path} threw on {"fast":5,"slow":20}: `);
  });
});
