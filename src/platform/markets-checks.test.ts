// Tests for the markets file checks: a file with an instrument that cannot be listed is refused at load, naming each one, and the shipped and test files pass.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InstrumentSpec } from '../core/instrument.ts';
import { tempDir } from '../journal/test-support.ts';
import { openStore, type Store } from '../store/index.ts';
import { Exchange } from './exchange.ts';
import { marketsProblems, sessionProblems } from './markets-checks.ts';
import { DEFAULT_MARKETS_FILE, loadMarketsConfig, type MarketsConfig } from './markets-config.ts';
import { QuietLogger } from './risk/risk-test-support.ts';

const ASSETS = [
  { code: 'USD', scale: 2 },
  { code: 'ACME', scale: 0 },
  { code: 'BTC', scale: 8 },
];
const ACME: InstrumentSpec = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000', makerFeeBps: 0, takerFeeBps: 1, referencePrice: '100', bandBps: 1000 };
/** 0.01 x 0.0001 is a millionth of a dollar, finer than USD's cents. */
const TOO_FINE: InstrumentSpec = { ...ACME, symbol: 'BTC-USD', base: 'BTC', lotSize: '0.0001', minQty: '0.0001' };

let dir: string;
beforeEach(async () => {
  dir = await tempDir('bourse-markets-');
});

async function fileOf(config: MarketsConfig): Promise<string> {
  const path = join(dir, 'markets.json');
  await writeFile(path, JSON.stringify(config));
  return path;
}

describe('markets file checks', () => {
  it('names each instrument and asset that cannot be listed, with where it is and why', () => {
    const problems = marketsProblems({
      assets: [...ASSETS, { code: 'USD', scale: 6 }, { code: 'us dollars', scale: 2 }],
      instruments: [ACME, TOO_FINE, { ...ACME, symbol: 'XYZ', base: 'XYZ' }, { ...ACME, referencePrice: '101' }, { ...ACME, symbol: 'BAD', tickSize: '0.001' }],
    });
    expect(problems).toEqual([
      { where: 'assets.3', name: 'USD', problem: 'the asset is listed twice (first at assets.0)' },
      { where: 'assets.4', name: 'us dollars', problem: 'an asset code is 1 to 12 upper-case letters and digits' },
      { where: 'instruments.1', name: 'BTC-USD', problem: "tickSize x lotSize is finer than USD's 2 decimal places" },
      { where: 'instruments.2', name: 'XYZ', problem: 'unknown asset XYZ: list it under assets' },
      { where: 'instruments.3', name: 'ACME', problem: 'the symbol is listed twice (first at instruments.0)' },
      { where: 'instruments.4', name: 'BAD', problem: "tickSize x lotSize is finer than USD's 2 decimal places" },
    ]);
  });

  it('names each session close that cannot be used and each instrument naming a session the file does not give', () => {
    const sessions = {
      'us-stocks': { close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      late: { close: '25:00', timeZone: 'UTC' },
      nowhere: { close: '16:00', timeZone: 'Mars/Olympus_Mons' },
    };
    const instruments = [{ symbol: 'ACME', session: 'us-stocks' }, { symbol: 'XYZ' }, { symbol: 'BAD', session: 'us-stock' }];
    expect(sessionProblems({ sessions, instruments })).toEqual([
      { where: 'sessions.late', name: 'late', problem: 'close "25:00" is not a time of day: give "HH:MM" on a 24-hour clock, such as "16:00"' },
      { where: 'sessions.nowhere', name: 'nowhere', problem: 'unknown time zone "Mars/Olympus_Mons": give an IANA zone such as "America/New_York" or "UTC"' },
      { where: 'instruments.2', name: 'BAD', problem: 'unknown session "us-stock": name one under sessions (us-stocks, late, nowhere)' },
    ]);
    expect(sessionProblems({ instruments })).toEqual([
      { where: 'instruments.0', name: 'ACME', problem: 'unknown session "us-stocks": give it under sessions' },
      { where: 'instruments.2', name: 'BAD', problem: 'unknown session "us-stock": give it under sessions' },
    ]);
    // A name only an object has by inheritance is no session.
    expect(sessionProblems({ sessions: {}, instruments: [{ symbol: 'ACME', session: 'toString' }] })).toHaveLength(1);
  });

  it('finds nothing in the shipped markets file and the test files', async () => {
    const support = new URL('../../test/support/', import.meta.url);
    for (const file of [DEFAULT_MARKETS_FILE, new URL('test-markets.json', support), new URL('tight-markets.json', support), new URL('shared-base-markets.json', support), new URL('session-markets.json', support)]) {
      expect((await loadMarketsConfig(file)).instruments.length).toBeGreaterThan(0);
    }
  });

  it('refuses to load a file that lists an instrument that cannot be listed, naming every one', async () => {
    const path = await fileOf({ assets: ASSETS, instruments: [ACME, TOO_FINE, { ...ACME, symbol: 'XYZ', base: 'XYZ' }] });
    const refusal = await loadMarketsConfig(path).then(
      () => 'loaded',
      (error: unknown) => (error as Error).message,
    );
    expect(refusal).toBe(
      `the markets file ${path} lists what cannot be listed; fix it and start again:\n` + "  BTC-USD (instruments.1): tickSize x lotSize is finer than USD's 2 decimal places\n" + '  XYZ (instruments.2): unknown asset XYZ: list it under assets',
    );
  });

  it('refuses to load a file with a session close it cannot use, listed with the instruments it cannot list', async () => {
    const path = join(dir, 'markets.json');
    const file = { assets: ASSETS, sessions: { 'us-stocks': { close: '16:00', timeZone: 'America/NewYork', days: ['mon', 'fri', 'mon'] } }, instruments: [{ ...ACME, session: 'us-stocks' }, { ...TOO_FINE, session: 'crypto' }] };
    await writeFile(path, JSON.stringify(file));
    const refusal = await loadMarketsConfig(path).then(
      () => 'loaded',
      (error: unknown) => (error as Error).message,
    );
    expect(refusal).toBe(
      `the markets file ${path} lists what cannot be listed; fix it and start again:\n` +
        "  BTC-USD (instruments.1): tickSize x lotSize is finer than USD's 2 decimal places\n" +
        '  us-stocks (sessions.us-stocks): unknown time zone "America/NewYork": give an IANA zone such as "America/New_York" or "UTC"\n' +
        '  BTC-USD (instruments.1): unknown session "crypto": name one under sessions (us-stocks)',
    );
  });

  it('refuses to start an exchange whose journal lists an asset at a scale that cannot list a new instrument of the file', async () => {
    const logger = new QuietLogger();
    const store: Store = await openStore({ sqlitePath: join(dir, 'bourse.sqlite'), projectInWorker: false });
    try {
      const journal = join(dir, 'journal');
      const first = await Exchange.open({ dataDir: journal, store, markets: { assets: ASSETS, instruments: [ACME] }, logger, tickMs: 0 });
      await first.close();
      // The file now says USD has six places, so the file alone is fine; the journal listed USD with two.
      const wider: MarketsConfig = { assets: [{ code: 'USD', scale: 6 }, ASSETS[1]!, ASSETS[2]!], instruments: [ACME, TOO_FINE] };
      expect(marketsProblems(wider)).toEqual([]);
      const refusal = await Exchange.open({ dataDir: journal, store, markets: wider, logger, tickMs: 0 }).then(
        async (exchange) => {
          await exchange.close();
          return 'started';
        },
        (error: unknown) => (error as Error).message,
      );
      expect(refusal).toContain("BTC-USD (instruments.1): tickSize x lotSize is finer than USD's 2 decimal places");
      // Nothing of the refused start stayed behind: the same journal starts with a file it can list.
      const again = await Exchange.open({ dataDir: journal, store, markets: { assets: ASSETS, instruments: [ACME] }, logger, tickMs: 0 });
      expect(again.engine.instrument('BTC-USD')).toBeUndefined();
      expect(again.engine.instrument('ACME')).toBeDefined();
      await again.close();
    } finally {
      await store.close();
    }
  });
});
