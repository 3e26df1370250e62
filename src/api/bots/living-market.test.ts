import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLivingMarket } from './living-market.ts';

describe('loadLivingMarket', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bourse-living-market-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const load = async (file: object) => {
    const path = join(dir, 'bots.json');
    await writeFile(path, JSON.stringify(file));
    return loadLivingMarket(path);
  };
  const bot = { name: 'walker', strategy: 'random-walker', symbols: ['AAPL'] };

  it('reads cash and deposits by the rule the API reads every decimal with', async () => {
    const market = await load({ cash: '10000', bots: [{ ...bot, cash: '2500.50', deposits: { AAPL: '0' } }] });
    expect(market.bots[0]).toMatchObject({ cash: '2500.50', deposits: { AAPL: '0' } });
  });

  it('refuses an amount the API would refuse, naming its place in the file', async () => {
    const message = 'must be a plain decimal string such as "10000" (digits, no sign, spaces, exponent or leading zeros)';
    await expect(load({ cash: '010000', bots: [bot] })).rejects.toThrow(`is invalid at cash: ${message}`);
    await expect(load({ bots: [{ ...bot, deposits: { AAPL: '1e3' } }] })).rejects.toThrow(`is invalid at bots.0.deposits.AAPL: ${message}`);
  });
});
