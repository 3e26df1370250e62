// --cash of `bourse backtest`, `optimize` and `run --paper` as a user types it: a plain positive decimal, within the quote currency's decimals; and generate's decimals by the same rule.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';
import { suiteTempDir } from './support/temp-dir.ts';

const STRATEGY = join(import.meta.dirname, '..', 'examples', 'sma-crossover.ts');
/** USD with 2 decimals, so cash finer than a cent is refused. */
const MARKETS = {
  assets: [{ code: 'USD', scale: 2 }, { code: 'AAPL', scale: 0 }],
  instruments: [{ symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, referencePrice: '190', bandBps: 1000 }],
};

const dir = suiteTempDir('bourse-cli-cash-');
let markets: string;
beforeAll(async () => {
  markets = join(dir, 'markets.json');
  await writeFile(markets, JSON.stringify(MARKETS));
  const generated = await runBourse(['generate', '--kind', 'bars', '--symbol', 'AAPL', '--interval', '1m', '--count', '200', '--seed', '5', '--data-dir', dir, '--markets', markets]);
  expect(generated.code, generated.stderr).toBe(0);
}, 60_000);

describe('--cash', () => {
  it('is refused up front, naming the option and the currency\'s decimals, when finer than its minor unit', async () => {
    for (const command of ['backtest', 'optimize']) {
      const args = [command, STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--markets', markets, '--cash', '100.123', ...(command === 'optimize' ? ['--param', 'fast=5,10', '--workers', '0'] : [])];
      const run = await runBourse(args);
      expect(run.code, command).toBe(1);
      expect(run.stderr, command).toBe('error: --cash 100.123 has more decimals than USD has: at most 2 decimal places (its minor unit is 0.01)\n');
    }
    const cents = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--markets', markets, '--cash', '100.12', '--json']);
    expect(cents.code, cents.stderr).toBe(0);
  }, 60_000);

  it('of bourse run --paper is read by the same plain-decimal rule as backtest, before any connection', async () => {
    for (const cash of ['05', '0', '-5', '1e4']) {
      const run = await runBourse(['run', STRATEGY, '--paper', '--symbol', 'AAPL', '--url', 'http://127.0.0.1:1', '--cash', cash]);
      expect(run.code, cash).toBe(1);
      expect(run.stderr, cash).toBe(`error: option '--cash <amount>' argument '${cash}' is invalid. --cash must be a positive plain decimal such as 10000 or 2500.50 (digits, no spaces, exponent or leading zeros)\n`);
    }
  }, 60_000);

  it('is the rule bourse generate reads --price, --tick-size and --lot-size by', async () => {
    for (const [option, example] of [['--price', '100 or 190.25'], ['--tick-size', '0.01'], ['--lot-size', '1 or 0.0001']]) {
      const run = await runBourse(['generate', '--kind', 'trades', '--symbol', 'AAPL', '--count', '5', '--seed', '1', '--out', '-', option!, '05']);
      expect(run.code, option).toBe(1);
      expect(run.stderr, option).toBe(`error: option '${option} <decimal>' argument '05' is invalid. ${option} must be a positive plain decimal such as ${example} (digits, no spaces, exponent or leading zeros)\n`);
    }
  }, 60_000);
});
