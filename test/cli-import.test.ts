// `bourse import`, `export` and `generate` as a user runs them: summaries of bad rows, idempotent re-imports, round trips, errors.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';
import { tempDir } from './support/temp-dir.ts';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('bourse-cli-import-');
});

const BARS = [
  'Date,Open,High,Low,Close,Volume',
  '2024-01-02T00:00:00Z,100.50,101,99,100.25,10',
  '2024-01-02T00:01:00Z,100,99,101,100,1',
  '2024-01-02T00:02:00Z,100.25,102,100,101,3.000',
  '2024-01-02T00:03:00Z,101,102,100,abc,1',
  '2024-01-02T00:04:00Z,101,103,100.5,102,0',
].join('\r\n');

describe('bourse import and export', () => {
  it('imports the good rows, lists the bad ones, ignores a second import and round-trips through export', async () => {
    const file = join(dir, 'acme.csv');
    await writeFile(file, BARS);
    const store = ['--data-dir', dir];
    const first = await runBourse(['import', file, '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', ...store]);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('5 rows read: 3 imported, 0 already stored, 2 bad (skipped)\n');
    expect(first.stdout).toContain('2 bad rows not imported:\n  line 3: high 99 is below low 101\n  line 5: close abc is not a plain non-negative decimal');
    const again = await runBourse(['import', file, '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', ...store]);
    expect(again.stdout).toContain('5 rows read: 0 imported, 3 already stored, 2 bad (skipped)\n');

    const exported = join(dir, 'out.csv');
    const out = await runBourse(['export', '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', '--out', exported, ...store]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`wrote 3 rows to ${exported}`);
    const text = await readFile(exported, 'utf8');
    const t0 = Date.UTC(2024, 0, 2);
    expect(text).toBe(`time,open,high,low,close,volume\n${t0},100.5,101,99,100.25,10\n${t0 + 120_000},100.25,102,100,101,3\n${t0 + 240_000},101,103,100.5,102,0\n`);

    // Exported, imported under another symbol, exported again: the same rows.
    expect((await runBourse(['import', exported, '--kind', 'bars', '--symbol', 'COPY', '--interval', '1m', ...store])).code).toBe(0);
    const copy = await runBourse(['export', '--kind', 'bars', '--symbol', 'COPY', '--interval', '1m', ...store]);
    expect(copy.stdout).toBe(text);
    const range = await runBourse(['export', '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', '--from', '2024-01-02T00:01:00Z', '--to', String(t0 + 240_000), '--time', 'iso', ...store]);
    expect(range.stdout).toBe('time,open,high,low,close,volume\n2024-01-02T00:02:00.000Z,100.25,102,100,101,3\n');
  });

  it('round-trips generated trades through JSON lines, and generates the same series from the same seed', async () => {
    const store = ['--data-dir', dir];
    const generated = join(dir, 'gen.jsonl');
    const gen = await runBourse(['generate', '--kind', 'trades', '--symbol', 'BTC-USD', '--count', '3000', '--seed', '5', '--mean-gap-ms', '2', '--out', generated]);
    expect(gen.code).toBe(0);
    const direct = await runBourse(['generate', '--kind', 'trades', '--symbol', 'BTC-USD', '--count', '3000', '--seed', '5', '--mean-gap-ms', '2', ...store]);
    expect(direct.stdout).toContain('3,000 rows read: 3,000 imported');
    const imported = await runBourse(['import', generated, '--kind', 'trades', '--symbol', 'BTC-USD', ...store]);
    expect(imported.stdout).toContain('3,000 rows read: 0 imported, 3,000 already stored\n');
    const exported = await runBourse(['export', '--kind', 'trades', '--symbol', 'BTC-USD', '--format', 'jsonl', ...store]);
    expect(exported.stdout).toBe(await readFile(generated, 'utf8'));
    expect(exported.stdout.split('\n')[0]).toMatch(/^\{"time":1577836800000,"price":"65000","qty":"0\.\d+","side":"(buy|sell)"\}$/);
  });

  it("refuses to store generated data off a listed symbol's grid, and writes it to a file on any grid", async () => {
    const offGrid = await runBourse(['generate', '--kind', 'trades', '--symbol', 'AAPL', '--count', '5', '--seed', '1', '--lot-size', '0.5', '--data-dir', dir]);
    expect(offGrid.code).toBe(1);
    expect(offGrid.stderr).toBe("error: --lot-size 0.5 is not a multiple of AAPL's listed lot size 1: the stored history of a listed symbol must fit its grid (use --out to write any grid to a file)\n");
    // A coarser grid still fits the listed one.
    expect((await runBourse(['generate', '--kind', 'trades', '--symbol', 'AAPL', '--count', '5', '--seed', '1', '--tick-size', '0.05', '--data-dir', dir])).code).toBe(0);
    expect((await runBourse(['generate', '--kind', 'trades', '--symbol', 'AAPL', '--count', '5', '--seed', '1', '--lot-size', '0.5', '--out', '-'])).code).toBe(0);
  });

  it('refuses a row off a listed symbol\'s grid like any bad row, and a backtest skips such a row already stored, naming its time', async () => {
    const file = join(dir, 'aapl.csv');
    const rows = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 40; i++) rows.push(`${Date.UTC(2024, 0, 2) + i * 60_000},${i === 10 ? '190.001' : 190 + (i % 5)},195,189,${190 + (i % 3)},5`);
    await writeFile(file, rows.join('\n'));
    const store = ['--kind', 'bars', '--symbol', 'AAPL', '--interval', '1m', '--data-dir', dir];
    const refused = await runBourse(['import', file, ...store]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('40 rows read: 39 imported, 0 already stored, 1 bad (skipped)\n1 bad row not imported:\n  line 12: AAPL at 2024-01-02T00:10:00.000Z: open 190.001 is not a multiple of 0.01');

    // Under a finer tick (or from before imports checked the grid) the row is stored; the default markets then cannot trade it.
    const markets = JSON.parse(await readFile(join(import.meta.dirname, '..', 'config', 'markets.json'), 'utf8')) as { instruments: Array<{ symbol: string; tickSize: string }> };
    for (const instrument of markets.instruments) if (instrument.symbol === 'AAPL') instrument.tickSize = '0.001';
    const fine = join(dir, 'fine-markets.json');
    await writeFile(fine, JSON.stringify(markets));
    const stored = await runBourse(['import', file, ...store, '--markets', fine]);
    expect(stored.code).toBe(0);
    const strategy = join(import.meta.dirname, '..', 'examples', 'sma-crossover.ts');
    const run = await runBourse(['backtest', strategy, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=2', '--param', 'slow=5']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('skipped stored bar: AAPL at 2024-01-02T00:10:00.000Z: open 190.001 is not a multiple of 0.01');
    expect(run.stdout).toMatch(/records\s+39/);
  }, 60_000);

  it('stops on a file it cannot read and explains options it cannot use', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'time,open,high,low\n1,2,3,1\n');
    const missing = await runBourse(['import', file, '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', '--data-dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error: ${file} line 1: missing column close (the header has "time", "open", "high", "low")`);
    // Said once, as the error, not also in the summary above it.
    expect(missing.stdout).not.toContain('missing column');
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    const nothing = await runBourse(['import', empty, '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', '--data-dir', dir]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toBe(`error: ${empty} line 1: the file is empty: expected a header row\n`);
    expect(nothing.stdout).not.toContain('line 1');
    const headerOnly = join(dir, 'header-only.csv');
    await writeFile(headerOnly, 'time,open,high,low,close,volume\n');
    const none = await runBourse(['import', headerOnly, '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', '--data-dir', dir]);
    expect({ code: none.code, stderr: none.stderr }).toEqual({ code: 1, stderr: `error: ${headerOnly} has no data rows: nothing was imported\n` });
    const noInterval = await runBourse(['import', file, '--kind', 'bars', '--symbol', 'ACME', '--data-dir', dir]);
    expect(noInterval.stderr.trim()).toBe('error: bars need --interval, such as --interval 1m');
    const badKind = await runBourse(['export', '--kind', 'candles', '--symbol', 'ACME', '--data-dir', dir]);
    expect(badKind.stderr).toContain('kind must be one of bars, trades, quotes');
    const noFile = await runBourse(['import', join(dir, 'nope.csv'), '--kind', 'trades', '--symbol', 'ACME', '--data-dir', dir]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toBe(`error: cannot read ${join(dir, 'nope.csv')}: no such file\n`);
    const folder = await runBourse(['import', dir, '--kind', 'trades', '--symbol', 'ACME', '--data-dir', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(`error: ${dir} is a directory; give a CSV or JSON-lines file\n`);
  }, 150_000);

  it('refuses to export a series the store does not have, without writing the file', async () => {
    const file = join(dir, 'acme.csv');
    await writeFile(file, BARS);
    expect((await runBourse(['import', file, '--kind', 'bars', '--symbol', 'ACME', '--interval', '1m', '--data-dir', dir])).code).toBe(2);
    const out = join(dir, 'out.csv');
    const wrongInterval = await runBourse(['export', '--kind', 'bars', '--symbol', 'ACME', '--interval', '5m', '--out', out, '--data-dir', dir]);
    expect(wrongInterval.code).toBe(1);
    expect(wrongInterval.stderr).toBe('error: the store has no 5m bars of ACME; bring some in with bourse import or bourse generate\n');
    await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
    const unknown = await runBourse(['export', '--kind', 'quotes', '--symbol', 'NOPE', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('error: the store has no quotes of NOPE; bring some in with bourse import or bourse generate\n');
  });
});
