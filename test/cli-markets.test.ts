// `bourse start` refusing to start: a markets file listing what cannot be listed (it names the instrument and the problem), and a port in use (it writes nothing).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';
import { tempDir } from './support/temp-dir.ts';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('bourse-cli-markets-');
});

it('bourse start refuses a markets file with an instrument finer than its quote currency, an unknown asset and a repeated symbol', async () => {
  const shipped = JSON.parse(await readFile(new URL('../config/markets.json', import.meta.url), 'utf8')) as { assets: { code: string; scale: number }[]; instruments: Record<string, unknown>[] };
  const aapl = shipped.instruments[0]!;
  const markets = {
    // Cents only: the shipped BTC-USD (0.01 x 0.0001) is a millionth of a dollar.
    assets: shipped.assets.map((asset) => (asset.code === 'USD' ? { ...asset, scale: 2 } : asset)),
    instruments: [...shipped.instruments, { ...aapl, symbol: 'TSLA', base: 'TSLA' }, { ...aapl }],
  };
  const file = join(dir, 'markets.json');
  await writeFile(file, JSON.stringify(markets));

  const run = await runBourse(['start', '--markets', file, '--data-dir', join(dir, 'data'), '--port', '0', '--no-bots', '--bot-workers', '0'], { DATABASE_URL: '' });

  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`error: the markets file ${file} lists what cannot be listed; fix it and start again:`);
  expect(run.stderr).toContain("BTC-USD (instruments.4): tickSize x lotSize is finer than USD's 2 decimal places");
  expect(run.stderr).toContain("ETH-USD (instruments.5): tickSize x lotSize is finer than USD's 2 decimal places");
  expect(run.stderr).toContain('TSLA (instruments.6): unknown asset TSLA: list it under assets');
  expect(run.stderr).toContain('AAPL (instruments.7): the symbol is listed twice (first at instruments.0)');
  expect(run.stdout).not.toContain('Bourse is listening');
}, 60_000);

it('bourse start on a port in use says so and writes nothing: a new data directory is not made', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    const dataDir = join(dir, 'fresh');
    const run = await runBourse(['start', '--data-dir', dataDir, '--port', String(port), '--no-bots', '--bot-workers', '0'], { DATABASE_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the port is in use: choose another with --port');
    expect(existsSync(dataDir)).toBe(false);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
}, 60_000);
