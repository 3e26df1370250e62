// A server whose journal is damaged inside what its snapshot and read models hold: start-up is refused with the file untouched, with or without --truncate-damaged-journal.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader } from '../support/traders.ts';

let platform: TestPlatform | undefined;
afterEach(async () => {
  await platform?.dispose();
  platform = undefined;
});

describe('a damaged journal at start-up', () => {
  it('is never cut behind the snapshot: refused with and without the repair flag, the file as it was', async () => {
    platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
    const trader = await newTrader(platform.url, { USD: '100000' });
    for (let i = 0; i < 40; i++) await trader.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '1', price: String(90 + (i % 5)) });
    await platform.close(); // a clean stop: a snapshot at the last seq
    const path = join(platform.dataDir, 'journal', 'journal.bin');
    const bytes = await readFile(path);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x5a;
    await writeFile(path, bytes);

    for (const truncateDamagedJournal of [true, false]) {
      const error = await platform.open({ truncateDamagedJournal }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/already holds records through seq \d+, so cutting at the damage would leave the journal at seq \d+, behind it/);
      expect((error as Error).message).toContain('--truncate-damaged-journal cannot repair it');
      expect(await readFile(path)).toEqual(bytes);
    }
    expect(platform.logs.text).not.toContain('journal damage cut on request');
  });
});
