// How the API shows things: read-model rows and engine values as JSON with decimal strings.
import { fromUnits, parseScaled } from '../core/decimal.ts';
import { divideRounded } from '../core/rounding.ts';
import type { TradingStatus } from '../core/commands.ts';
import type { AssetSpec, Instrument } from '../core/instrument.ts';
import type { Engine } from '../engine/engine.ts';
import type { Candle, DepthDelta, DepthSnapshot, Level, Ticker, Trade } from '../marketdata/index.ts';
import type { SessionView } from '../platform/sessions/session-scheduler.ts';
import { formatAmount, formatPrice, formatQty } from '../platform/units.ts';
import type { CandleRow, FillRow, LedgerRow, OrderRow, TradeRow } from '../store/schema.ts';

/** Looks up instruments and assets for formatting; a symbol is always listed before anything refers to it. */
export class Formatter {
  /** `sessionCloseAfter`: the symbol's first session close after an instant, when the exchange keeps sessions: a DAY order's expiry. */
  constructor(
    private readonly engine: Engine,
    private readonly sessionCloseAfter?: (symbol: string, at: number) => number,
  ) {}

  /** When the order expires: a GTD order's expireAt, a DAY order's session close (the first after it was placed), else null. */
  expiry(o: Pick<OrderRow, 'symbol' | 'tif' | 'expireAt' | 'createdAt'>): number | null {
    if (o.tif === 'day' && this.sessionCloseAfter) return this.sessionCloseAfter(o.symbol, o.createdAt);
    return o.expireAt;
  }

  instrument(symbol: string): Instrument {
    const instrument = this.engine.instrument(symbol);
    if (!instrument) throw new Error(`no instrument ${symbol}`);
    return instrument;
  }

  asset(code: string): AssetSpec {
    const asset = this.engine.asset(code);
    if (!asset) throw new Error(`no asset ${code}`);
    return asset;
  }

  price(symbol: string, ticks: number): string {
    return formatPrice(this.instrument(symbol), ticks);
  }

  optionalPrice(symbol: string, ticks: number | null | undefined): string | null {
    return ticks === null || ticks === undefined || ticks === 0 ? null : this.price(symbol, ticks);
  }

  qty(symbol: string, lots: number): string {
    return formatQty(this.instrument(symbol), lots);
  }

  amount(asset: string, units: number): string {
    return formatAmount(this.asset(asset), units);
  }

  /**
   * An exact decimal that may carry more places than `asset` has (a strategy's P&L, kept at 18), as
   * an amount of it: rounded to its minor unit, halves away from zero, never "-0".
   */
  roundedAmount(asset: string, text: string): string {
    const negative = text.startsWith('-');
    const value = parseScaled(negative ? text.slice(1) : text);
    if (!value) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
    const scale = this.asset(asset).scale;
    const units = value.scale <= scale ? value.digits * 10n ** BigInt(scale - value.scale) : divideRounded(value.digits, 10n ** BigInt(value.scale - scale), 'nearest');
    return this.amount(asset, Number(negative ? -units : units));
  }

  /** Quote minor units of a fee or notional. */
  quote(symbol: string, units: number): string {
    return this.amount(this.instrument(symbol).quote, units);
  }

  /** Exact average of `ticksTimesLots / lots`, with four more places than the tick. */
  averagePrice(symbol: string, ticksTimesLots: number, lots: number): string | null {
    if (lots === 0) return null;
    const tick = this.instrument(symbol).spec.tickSize;
    const scaled = (BigInt(ticksTimesLots) * 10_000n) / BigInt(lots);
    return averageText(scaled, tick);
  }

  /** A price from a cost in quote minor units over lots, like `averagePrice`: four more places than the tick, rounded down. */
  averageCost(symbol: string, quoteUnits: number, lots: number): string | null {
    if (lots === 0) return null;
    const instrument = this.instrument(symbol);
    const scaled = (BigInt(quoteUnits) * 10_000n) / (BigInt(lots) * BigInt(instrument.notionalPerTickLot));
    return averageText(scaled, instrument.spec.tickSize);
  }

  levels(symbol: string, levels: readonly Level[]): Array<[string, string]> {
    return levels.map(([price, qty]) => [this.price(symbol, price), this.qty(symbol, qty)]);
  }
}

/** scaled = average / tick * 10^4; shown as a decimal with the tick's places plus four, trailing zeros trimmed. */
function averageText(scaled: bigint, tick: string): string {
  const tickParts = tick.split('.');
  const tickScale = (tickParts[1] ?? '').length;
  const tickDigits = BigInt(tick.replace('.', ''));
  const value = scaled * tickDigits;
  const scale = tickScale + 4;
  const text = value.toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

export type OrderView = ReturnType<typeof orderView>;

export function orderView(f: Formatter, o: OrderRow) {
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.orderType,
    tif: o.tif,
    status: o.status,
    qty: f.qty(o.symbol, o.qty),
    filledQty: f.qty(o.symbol, o.filledQty),
    leavesQty: f.qty(o.symbol, o.leavesQty),
    price: f.optionalPrice(o.symbol, o.price),
    stopPrice: f.optionalPrice(o.symbol, o.stopPrice),
    trailAmount: f.optionalPrice(o.symbol, o.trailAmount),
    trailPercent: o.trailBps ? fromUnits(o.trailBps, '0.01') : null,
    // A trailing stop's high (sell) or low (buy) that stopPrice trails: the `waterMark` of stop_moved.
    waterMark: f.optionalPrice(o.symbol, o.waterMark),
    avgFillPrice: f.averagePrice(o.symbol, o.filledNotional, o.filledQty),
    expireAt: f.expiry(o),
    postOnly: o.postOnly,
    stp: o.stp,
    groupId: o.groupId,
    parentId: o.parentId,
    reason: o.reason,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function fillView(f: Formatter, x: FillRow) {
  return {
    id: x.id,
    tradeId: x.tradeId,
    orderId: x.orderId,
    symbol: x.symbol,
    side: x.side,
    liquidity: x.liquidity,
    price: f.price(x.symbol, x.price),
    qty: f.qty(x.symbol, x.qty),
    fee: f.quote(x.symbol, x.fee),
    feeAsset: f.instrument(x.symbol).quote,
    ts: x.ts,
  };
}

export function ledgerView(f: Formatter, e: LedgerRow) {
  return {
    seq: e.seq,
    asset: e.asset,
    reason: e.reason,
    refId: e.refId,
    deltaAvailable: f.amount(e.asset, e.deltaAvailable),
    deltaHeld: f.amount(e.asset, e.deltaHeld),
    available: f.amount(e.asset, e.available),
    held: f.amount(e.asset, e.held),
    memo: e.memo,
    ts: e.ts,
  };
}

export function tradeView(f: Formatter, t: Trade | TradeRow) {
  return { tradeId: t.tradeId, symbol: t.symbol, price: f.price(t.symbol, t.price), qty: f.qty(t.symbol, t.qty), takerSide: t.takerSide, ts: t.ts };
}

export function candleView(f: Formatter, c: Candle | CandleRow) {
  return {
    symbol: c.symbol,
    interval: c.interval,
    openTime: c.openTime,
    open: f.price(c.symbol, c.open),
    high: f.price(c.symbol, c.high),
    low: f.price(c.symbol, c.low),
    close: f.price(c.symbol, c.close),
    volume: f.qty(c.symbol, c.volume),
    quoteVolume: f.quote(c.symbol, c.quoteVolume * f.instrument(c.symbol).notionalPerTickLot),
    trades: c.trades,
  };
}

export function tickerView(f: Formatter, t: Ticker) {
  const s = t.symbol;
  return {
    symbol: s,
    lastPrice: f.optionalPrice(s, t.lastPrice),
    lastQty: f.qty(s, t.lastQty),
    open: f.optionalPrice(s, t.open),
    high: f.optionalPrice(s, t.high),
    low: f.optionalPrice(s, t.low),
    volume: f.qty(s, t.volume),
    quoteVolume: f.quote(s, t.quoteVolume * f.instrument(s).notionalPerTickLot),
    trades: t.trades,
    change: (t.change < 0 ? '-' : '') + f.price(s, Math.abs(t.change)),
    changePercent: (t.changeBps < 0 ? '-' : '') + fromUnits(Math.abs(t.changeBps), '0.01'),
    bidPrice: f.optionalPrice(s, t.bidPrice),
    bidQty: f.qty(s, t.bidQty),
    askPrice: f.optionalPrice(s, t.askPrice),
    askQty: f.qty(s, t.askQty),
    time: t.time,
  };
}

export function depthView(f: Formatter, d: DepthSnapshot) {
  return { symbol: d.symbol, seq: d.seq, bids: f.levels(d.symbol, d.bids), asks: f.levels(d.symbol, d.asks) };
}

export function depthDeltaView(f: Formatter, d: DepthDelta) {
  return { symbol: d.symbol, seq: d.seq, prevSeq: d.prevSeq, bids: f.levels(d.symbol, d.bids), asks: f.levels(d.symbol, d.asks) };
}

export function instrumentView(engine: Engine, i: Instrument, session: SessionView) {
  const trading = engine.tradingStatus(i.symbol);
  return {
    ...i.spec,
    lastPrice: formatPrice(i, engine.lastPrice(i.symbol) ?? i.referencePrice),
    // 'halted': new orders and replaces are refused (INSTRUMENT_HALTED); cancels go through.
    status: trading?.status ?? 'trading',
    statusReason: trading?.reason || null,
    // DAY orders on the symbol expire at each close.
    session,
  };
}

/** A symbol's trading status as the admin route answers it and `status:SYM` pushes it; reason null when none was given. */
export function tradingStatusView(symbol: string, status: TradingStatus, reason: string | undefined, ts: number) {
  return { symbol, status, reason: reason || null, ts };
}
