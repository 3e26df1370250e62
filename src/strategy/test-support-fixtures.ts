// Test-only fixtures for the EngineHarness: start time, the strategy's account, assets and two instruments.
import type { AssetSpec, InstrumentSpec } from '../core/instrument.ts';

export const T0 = 1_700_000_000_000;
export const STRATEGY_ACCOUNT = 1;

export const USD: AssetSpec = { code: 'USD', scale: 2 };
export const ACME_ASSET: AssetSpec = { code: 'ACME', scale: 0 };
export const BTC: AssetSpec = { code: 'BTC', scale: 8 };

/** Tick 0.01, lot 1 share; maker 10 bps, taker 20 bps; a band wide enough for any test path. */
export const ACME: InstrumentSpec = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000000', makerFeeBps: 10, takerFeeBps: 20, referencePrice: '100', bandBps: 10_000 };
/** Tick 0.5, lot 0.02: a coarse grid for rounding tests. */
export const BTC_USD: InstrumentSpec = { symbol: 'BTC-USD', base: 'BTC', quote: 'USD', tickSize: '0.5', lotSize: '0.02', minQty: '0.02', maxQty: '1000', makerFeeBps: 0, takerFeeBps: 10, referencePrice: '30000', bandBps: 10_000 };
