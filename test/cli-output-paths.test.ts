// Output paths of `bourse backtest`, `run --paper`, `generate` and `export` are checked before any work, and a write that fails at the end still leaves the summary printed.
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';
import { suiteTempDir } from './support/temp-dir.ts';

const STRATEGY = join(import.meta.dirname, '..', 'examples', 'sma-crossover.ts');
const dir = suiteTempDir('bourse-cli-output-');
const MISSING = '/nonexistent-bourse-dir';
let bars: string;

beforeAll(async () => {
  bars = join(dir, 'bars.csv');
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < 100; i++) rows.push(`${Date.UTC(2024, 0, 2) + i * 60_000},${100 + (i % 7)},${101 + (i % 7)},${99 + (i % 7)},${100.5 + (i % 7)},5`);
  await writeFile(bars, rows.join('\n'));
});

describe('output paths', () => {
  it('are refused before a backtest or a paper run starts, naming the option and the directory', async () => {
    const out = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', bars, '--out', `${MISSING}/x.json`]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`error: cannot write --out ${MISSING}/x.json: the directory ${MISSING} does not exist\n`);
    expect(out.stdout).toBe('');
    const report = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', bars, '--report', dir]);
    expect(report.code).toBe(1);
    expect(report.stderr).toBe(`error: cannot write --report ${dir}: it is a directory; give a file name\n`);
    // No server listens on port 1: each is refused before any connection is tried.
    const paper = ['run', STRATEGY, '--paper', '--symbol', 'AAPL', '--url', 'http://127.0.0.1:1', '--duration', '1'];
    const record = await runBourse([...paper, '--record', `${MISSING}/x.jsonl`]);
    expect(record.code).toBe(1);
    expect(record.stderr).toBe(`error: cannot write --record ${MISSING}/x.jsonl: the directory ${MISSING} does not exist\n`);
    const result = await runBourse([...paper, '--out', `${bars}/x.json`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: cannot write --out ${bars}/x.json: ${bars} is not a directory\n`);
  }, 120_000);

  it('are refused when two options would write the same file, naming both', async () => {
    const same = join(dir, 'same.out');
    const run = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', bars, '--out', same, '--report', `${dir}/../${basename(dir)}/same.out`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: --out and --report both name ${dir}/../${basename(dir)}/same.out; give each its own file\n`);
    const paper = await runBourse(['run', STRATEGY, '--paper', '--symbol', 'AAPL', '--url', 'http://127.0.0.1:1', '--duration', '1', '--record', same, '--out', same]);
    expect(paper.code).toBe(1);
    expect(paper.stderr).toBe(`error: --record and --out both name ${same}; give each its own file\n`);
  }, 60_000);

  it('are refused before generate makes a file', async () => {
    const run = await runBourse(['generate', '--kind', 'trades', '--symbol', 'AAPL', '--count', '10', '--seed', '1', '--out', `${MISSING}/t.csv`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: cannot write --out ${MISSING}/t.csv: the directory ${MISSING} does not exist\n`);
  }, 60_000);

  // /dev/full takes the open and refuses the write; only root may write into /dev, which the check before the run asks.
  it.skipIf(process.getuid?.() !== 0)('print the summary when the write fails at the end, then the error', async () => {
    const run = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', bars, '--param', 'fast=2', '--param', 'slow=5', '--out', '/dev/full']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/records\s+100/);
    expect(run.stderr).toBe('error: cannot write --out /dev/full: the disk is full\n');
  }, 60_000);
});
