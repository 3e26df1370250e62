// `bourse generate` refuses options the REST API's synthetic data refuses, in its words, before it makes any file.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';
import { suiteTempDir } from './support/temp-dir.ts';

const dir = suiteTempDir('bourse-cli-generate-');
const BASE = ['generate', '--kind', 'trades', '--symbol', 'AAPL', '--count', '10', '--seed', '1'];

describe('bourse generate', () => {
  it('refuses a mean gap below 1 ms and a start price above the largest price, leaving no file', async () => {
    const out = join(dir, 't.csv');
    const gap = await runBourse([...BASE, '--mean-gap-ms', '-5', '--out', out]);
    expect(gap.code).toBe(1);
    expect(gap.stderr).toBe("error: option '--mean-gap-ms <ms>' argument '-5' is invalid. --mean-gap-ms must be at least 1\n");
    const above = 'is above the largest price the instrument can carry, 10995116277.76 (1099511627776 ticks of 0.01)';
    for (const price of ['99999999999', '999999999999999']) {
      const run = await runBourse([...BASE, '--price', price, '--out', out]);
      expect(run.code, price).toBe(1);
      expect(run.stderr, price).toBe(`error: --price ${price} ${above}\n`);
    }
    const volatility = await runBourse([...BASE, '--volatility', '-1', '--out', out]);
    expect(volatility.code).toBe(1);
    expect(volatility.stderr).toBe("error: option '--volatility <rate>' argument '-1' is invalid. --volatility must be at least 0\n");
    await expect(access(out)).rejects.toThrow('ENOENT');
  }, 120_000);
});
