import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { describeDifference, listingCommands, loadMarketsConfig } from './markets-config.ts';

const INSTRUMENT = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, referencePrice: '190', bandBps: 1000 };

describe('loadMarketsConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bourse-markets-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const load = async (instrument: object) => {
    const path = join(dir, 'markets.json');
    await writeFile(path, JSON.stringify({ assets: [{ code: 'USD', scale: 2 }, { code: 'AAPL', scale: 0 }], instruments: [instrument] }));
    return loadMarketsConfig(path);
  };

  it('reads its decimals by the rule the API reads every decimal with', async () => {
    expect((await load(INSTRUMENT)).instruments[0]).toEqual(INSTRUMENT);
  });

  it('gives each instrument the session close it names, and keeps the name out of its listed terms', async () => {
    const path = join(dir, 'sessions.json');
    const usStocks = { close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
    const assets = [{ code: 'USD', scale: 2 }, { code: 'AAPL', scale: 0 }, { code: 'MSFT', scale: 0 }];
    await writeFile(path, JSON.stringify({ assets, sessions: { 'us-stocks': usStocks }, instruments: [{ ...INSTRUMENT, session: 'us-stocks' }, { ...INSTRUMENT, symbol: 'MSFT', base: 'MSFT' }] }));
    const config = await loadMarketsConfig(path);
    expect(config.instruments).toEqual([INSTRUMENT, { ...INSTRUMENT, symbol: 'MSFT', base: 'MSFT' }]);
    expect(config.sessionCloses).toEqual({ AAPL: usStocks });
  });

  it('refuses a decimal the API would refuse: a leading zero, a sign, an exponent, spaces', async () => {
    for (const referencePrice of ['0190', '+190', '1.9e2', ' 190', '-190']) {
      await expect(load({ ...INSTRUMENT, referencePrice }), referencePrice).rejects.toThrow(
        'is invalid at instruments.0.referencePrice: must be a plain decimal string such as "0.01" (digits, no sign, spaces, exponent or leading zeros)',
      );
    }
  });
});

describe('listingCommands on an exchange that lists the instrument already', () => {
  it('names each term the file gives differently, as listed and as the file has it', () => {
    const engine = new Engine();
    const config = { assets: [{ code: 'USD', scale: 2 }, { code: 'AAPL', scale: 0 }], instruments: [INSTRUMENT] };
    for (const command of listingCommands(config, engine, 0).commands) engine.apply(command);
    const changed = { ...config, instruments: [{ ...INSTRUMENT, takerFeeBps: 5, tickSize: '0.05' }] };
    const { commands, differs } = listingCommands(changed, engine, 0);
    expect(commands).toEqual([]);
    expect(differs).toEqual([{ symbol: 'AAPL', changes: [{ term: 'tickSize', listed: '0.01', file: '0.05' }, { term: 'takerFeeBps', listed: 1, file: 5 }] }]);
    expect(describeDifference(differs[0]!)).toBe('tickSize: listed "0.01", the file says "0.05"; takerFeeBps: listed 1, the file says 5');
    expect(listingCommands(config, engine, 0).differs).toEqual([]);
  });
});
