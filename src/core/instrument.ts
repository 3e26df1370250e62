// Instruments: the decimal specification users write and the exact integer form the engine uses.
import { decimalPlaces, toUnits, unitsPerStep } from './decimal.ts';
import { ASSET_CODE, bpsOf, MAX_BAND_BPS, MAX_FEE_BPS, MAX_PRICE_TICKS, MAX_QTY_LOTS, SYMBOL } from './limits.ts';

/** An asset (cash currency or security) and the decimal places of its minor unit. */
export interface AssetSpec {
  readonly code: string;
  readonly scale: number;
}

/** An instrument as written in configuration: sizes and prices are decimal strings. */
export interface InstrumentSpec {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly lotSize: string;
  /** Smallest and largest order quantity, in base units (decimal strings, multiples of lotSize). */
  readonly minQty: string;
  readonly maxQty: string;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** Price that anchors the band until the first trade. */
  readonly referencePrice: string;
  /** Half-width of the price band in basis points of the reference price. */
  readonly bandBps: number;
}

/** The engine's exact form of an instrument. */
export interface Instrument {
  readonly spec: InstrumentSpec;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly minQty: number;
  readonly maxQty: number;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  readonly referencePrice: number;
  readonly bandBps: number;
  /** Quote minor units for one tick times one lot: notional = price * qty * notionalPerTickLot. */
  readonly notionalPerTickLot: number;
  /** Base minor units in one lot. */
  readonly baseUnitsPerLot: number;
}

export type InstrumentResult = { ok: true; instrument: Instrument } | { ok: false; message: string };

/** Checks a specification against the known assets and derives the integer form. */
export function resolveInstrument(spec: InstrumentSpec, assetScale: (code: string) => number | undefined): InstrumentResult {
  const fail = (message: string): InstrumentResult => ({ ok: false, message });
  const texts = [spec.symbol, spec.base, spec.quote, spec.tickSize, spec.lotSize, spec.minQty, spec.maxQty, spec.referencePrice];
  if (texts.some((text) => typeof text !== 'string')) return fail('symbol, assets, sizes, quantities and reference price must be strings');
  if (!SYMBOL.test(spec.symbol)) return fail('symbol must be upper-case letters and digits, like AAPL or BTC-USD');
  if (!ASSET_CODE.test(spec.base) || !ASSET_CODE.test(spec.quote) || spec.base === spec.quote) return fail('base and quote must be two different asset codes');
  const baseScale = assetScale(spec.base);
  const quoteScale = assetScale(spec.quote);
  if (baseScale === undefined || quoteScale === undefined) return fail('base and quote assets must be added first');
  if (decimalPlaces(spec.tickSize) < 0 || decimalPlaces(spec.lotSize) < 0) return fail('tickSize and lotSize must be positive decimal strings');
  const baseUnitsPerLot = unitsPerStep(spec.lotSize, baseScale);
  if (baseUnitsPerLot === undefined) return fail(`lotSize ${spec.lotSize} is finer than ${spec.base}'s ${baseScale} decimal places`);
  const notionalPerTickLot = unitsPerStep(multiplyDecimals(spec.tickSize, spec.lotSize), quoteScale);
  if (notionalPerTickLot === undefined) return fail(`tickSize x lotSize is finer than ${spec.quote}'s ${quoteScale} decimal places`);
  const minQty = toUnits(spec.minQty, spec.lotSize);
  const maxQty = toUnits(spec.maxQty, spec.lotSize);
  if (!minQty || !maxQty || minQty > maxQty || maxQty > MAX_QTY_LOTS) return fail('minQty and maxQty must be whole lots with 0 < minQty <= maxQty');
  const referencePrice = toUnits(spec.referencePrice, spec.tickSize);
  if (!referencePrice || referencePrice > MAX_PRICE_TICKS) return fail('referencePrice must be a positive whole number of ticks');
  if (!isBps(spec.makerFeeBps, 0, MAX_FEE_BPS) || !isBps(spec.takerFeeBps, 0, MAX_FEE_BPS)) return fail('fees must be whole basis points from 0 to 10000');
  if (!isBps(spec.bandBps, 1, MAX_BAND_BPS)) return fail('bandBps must be whole basis points from 1 to 10000');
  // A copy of exactly the known fields: the caller keeps no handle on the engine's terms.
  const copy: InstrumentSpec = Object.freeze({
    symbol: spec.symbol,
    base: spec.base,
    quote: spec.quote,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    minQty: spec.minQty,
    maxQty: spec.maxQty,
    makerFeeBps: spec.makerFeeBps,
    takerFeeBps: spec.takerFeeBps,
    referencePrice: spec.referencePrice,
    bandBps: spec.bandBps,
  });
  return {
    ok: true,
    instrument: {
      spec: copy,
      symbol: spec.symbol,
      base: spec.base,
      quote: spec.quote,
      minQty,
      maxQty,
      makerFeeBps: spec.makerFeeBps,
      takerFeeBps: spec.takerFeeBps,
      referencePrice,
      bandBps: spec.bandBps,
      notionalPerTickLot,
      baseUnitsPerLot,
    },
  };
}

function isBps(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Exact product of two decimal strings, as a decimal string. */
function multiplyDecimals(a: string, b: string): string {
  const [aw = '0', af = ''] = a.split('.');
  const [bw = '0', bf = ''] = b.split('.');
  const digits = (BigInt(aw + af) * BigInt(bw + bf)).toString();
  const scale = af.length + bf.length;
  if (scale === 0) return digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** Lowest price (ticks) allowed around `reference`. */
export function bandLow(reference: number, bandBps: number): number {
  return Math.max(1, reference - bpsOf(reference, bandBps));
}

/** Highest price (ticks) allowed around `reference`. */
export function bandHigh(reference: number, bandBps: number): number {
  return Math.min(MAX_PRICE_TICKS, reference + bpsOf(reference, bandBps));
}

/**
 * Instruments (specifications or the engine's form) grouped by base asset, bases and instruments both
 * in listing order: an asset several symbols trade is one group, and the first of it is the symbol
 * it is valued through and that takes what no symbol's own fills account for.
 */
export function instrumentsByBase<T extends { readonly base: string }>(instruments: readonly T[]): Map<string, T[]> {
  const byBase = new Map<string, T[]>();
  for (const instrument of instruments) {
    const listed = byBase.get(instrument.base);
    if (listed) listed.push(instrument);
    else byBase.set(instrument.base, [instrument]);
  }
  return byBase;
}
