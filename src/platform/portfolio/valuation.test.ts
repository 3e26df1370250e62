// Tests for account valuation: holdings through the first instrument quoted in the currency, later listings, and valuations shared within a batch.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../core/events.ts';
import { Engine } from '../../engine/engine.ts';
import { listingCommands, type MarketsConfig } from '../markets-config.ts';
import { valueAccount, valueAsset, valueInBatch } from './valuation.ts';

const instrument = (symbol: string, base: string, quote: string, referencePrice: string) => ({ symbol, base, quote, tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice, bandBps: 1000 });

const MARKETS: MarketsConfig = {
  assets: [
    { code: 'USD', scale: 2 },
    { code: 'EUR', scale: 2 },
    { code: 'ACME', scale: 0 },
    { code: 'GOLD', scale: 0 },
  ],
  // ACME is quoted twice in USD: the first listing values it.
  instruments: [instrument('ACME', 'ACME', 'USD', '100'), instrument('ACME2', 'ACME', 'USD', '500'), instrument('ACME-EUR', 'ACME', 'EUR', '90')],
};

function engineWith(deposits: Record<string, number>): Engine {
  const engine = new Engine();
  for (const command of listingCommands(MARKETS, engine, 0).commands) engine.apply(command);
  engine.apply({ type: 'openAccount', accountId: 1, ts: 0 });
  for (const [asset, amount] of Object.entries(deposits)) engine.apply({ type: 'deposit', accountId: 1, asset, amount, ts: 0 });
  return engine;
}

describe('valueAccount', () => {
  it('values cash and each holding once, through the first instrument quoted in the currency, leaving out what it cannot value', () => {
    const engine = engineWith({ USD: 50_000, EUR: 7_000, ACME: 3, GOLD: 2 });
    // 3 ACME at 100.00 USD (the first listing), in cents; EUR and GOLD have no USD instrument.
    expect(valueAccount(engine, 1, 'USD')).toEqual({ cash: 50_000, holdings: 30_000, equity: 80_000, grossExposure: 30_000, netExposure: 30_000 });
    expect(valueAccount(engine, 1, 'EUR')).toMatchObject({ cash: 7_000, holdings: 27_000, equity: 34_000 });
    expect(valueAsset(engine, 'ACME', 2, 'USD')).toBe(20_000);
    expect(valueAsset(engine, 'GOLD', 2, 'USD')).toBe(0);
  });

  it('starts valuing an asset once an instrument for it is listed, and a later listing never replaces the first', () => {
    const engine = engineWith({ USD: 0, ACME: 1, GOLD: 2 });
    expect(valueAccount(engine, 1, 'USD').holdings).toBe(10_000);
    const more: MarketsConfig = { ...MARKETS, instruments: [...MARKETS.instruments, instrument('GOLD', 'GOLD', 'USD', '2000'), instrument('ACME3', 'ACME', 'USD', '1')] };
    for (const command of listingCommands(more, engine, 0).commands) engine.apply(command);
    expect(valueAccount(engine, 1, 'USD').holdings).toBe(10_000 + 400_000);
  });
});

describe('valueInBatch', () => {
  it('values an account once per batch for every listener, and afresh for the next batch', () => {
    const engine = engineWith({ USD: 1_000, ACME: 1 });
    const batch: EngineEvent[] = [];
    const first = valueInBatch(engine, 1, 'USD', batch);
    expect(first).toEqual(valueAccount(engine, 1, 'USD'));
    expect(valueInBatch(engine, 1, 'USD', batch)).toBe(first);
    engine.apply({ type: 'deposit', accountId: 1, asset: 'USD', amount: 500, ts: 0 });
    expect(valueInBatch(engine, 1, 'USD', []).cash).toBe(1_500);
  });
});
