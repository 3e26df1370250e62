// Engine refusals told in the request's terms: the price band a price left, the room an asset has left, why a replace was refused.
import type { Command } from '../core/commands.ts';
import { bandHigh, bandLow } from '../core/instrument.ts';
import { ACCOUNT_DEPOSIT_CEILING, MAX_AMOUNT } from '../core/limits.ts';
import { takesPrice, takesStopPrice, type OrderRequest } from '../core/orders.ts';
import type { ReasonCode } from '../core/reasons.ts';
import type { Engine } from '../engine/engine.ts';
import type { LiveOrder } from '../engine/state.ts';
import { formatAmount, formatPrice, formatQty, isPositiveDecimal, plainDecimalText, type DecimalInput } from '../platform/units.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { explainRefusal, refusedField } from '../platform/order-requests.ts';
import { echo } from './echo.ts';
import { ApiError, statusOf } from './errors.ts';
import { fieldRefusal } from './field-refusal.ts';
import { aboveInstrumentMax, fundsRefusal, haltedRefusal, quantityRefusal, type PlacedOrder } from './placement-refusals.ts';

/** A limit price with the price its band is drawn around (ticks), and where it sits in the request. */
interface BandedPrice {
  readonly path: string;
  readonly price: number;
  readonly reference: number;
  /** What the reference is, for the message. */
  readonly referenceName: string;
}

/**
 * PRICE_OUT_OF_BAND with details {low, high, reference} in the instrument's price units. The band
 * is drawn around the last trade price (the instrument's reference price before the first trade),
 * or around the stop price for a stop-limit order that has not triggered.
 */
function bandRefusal(engine: Engine, symbol: string, banded: BandedPrice): ApiError {
  const instrument = engine.instrument(symbol)!;
  const price = (ticks: number) => formatPrice(instrument, ticks);
  const low = price(bandLow(banded.reference, instrument.bandBps));
  const high = price(bandHigh(banded.reference, instrument.bandBps));
  const reference = price(banded.reference);
  const percent = (instrument.bandBps / 100).toString();
  return new ApiError(
    'PRICE_OUT_OF_BAND',
    `${banded.path} ${price(banded.price)} is outside the price band of ${symbol}: from ${low} to ${high}, ${percent}% either side of ${banded.referenceName} ${reference}.`,
    { low, high, reference },
  );
}

function outside(engine: Engine, symbol: string, banded: BandedPrice): boolean {
  const bps = engine.instrument(symbol)!.bandBps;
  return banded.price < bandLow(banded.reference, bps) || banded.price > bandHigh(banded.reference, bps);
}

/** The band check of one order as the engine makes it: a limit price against the last price, a stop-limit's against its stop. */
function orderBand(engine: Engine, request: OrderRequest, prefix: string): BandedPrice | undefined {
  if (request.price === undefined) return undefined;
  if (request.type === 'stop_limit' && request.stopPrice !== undefined) return { path: `${prefix}price`, price: request.price, reference: request.stopPrice, referenceName: 'the stop price' };
  return { path: `${prefix}price`, price: request.price, reference: lastPrice(engine, request.symbol), referenceName: 'the last price' };
}

function lastPrice(engine: Engine, symbol: string): number {
  return engine.lastPrice(symbol) ?? engine.instrument(symbol)!.referencePrice;
}

/** Every limit price a placement carries, with its band reference, in request order. */
function placementPrices(engine: Engine, command: Command): BandedPrice[] {
  const prices: Array<BandedPrice | undefined> = [];
  if (command.type === 'placeOrder') prices.push(orderBand(engine, command.order, ''));
  if (command.type === 'placeOco') command.legs.forEach((leg, i) => prices.push(orderBand(engine, leg, `legs.${i}.`)));
  if (command.type === 'placeBracket') {
    prices.push(orderBand(engine, command.entry, 'entry.'));
    prices.push({ path: 'takeProfitPrice', price: command.takeProfitPrice, reference: lastPrice(engine, command.entry.symbol), referenceName: 'the last price' });
    if (command.stopLossLimitPrice !== undefined) prices.push({ path: 'stopLossLimitPrice', price: command.stopLossLimitPrice, reference: command.stopLossPrice, referenceName: 'the stop-loss price' });
  }
  return prices.filter((p): p is BandedPrice => p !== undefined);
}

/** The refusal of a placement the engine found out of band, naming the price that is; undefined for other reasons. */
function placementBandRefusal(engine: Engine, reason: ReasonCode, command: Command): ApiError | undefined {
  if (reason !== 'PRICE_OUT_OF_BAND') return undefined;
  const symbol = command.type === 'placeOrder' ? command.order.symbol : command.type === 'placeOco' ? command.legs[0].symbol : command.type === 'placeBracket' ? command.entry.symbol : undefined;
  if (symbol === undefined) return undefined;
  const banded = placementPrices(engine, command).find((p) => outside(engine, symbol, p));
  return banded && bandRefusal(engine, symbol, banded);
}

/** The orders a placement asks for, each with where its fields sit in the request ("legs.1.", "entry."). */
function placedOrders(command: Command): PlacedOrder[] {
  if (command.type === 'placeOrder') return [{ request: command.order, prefix: '' }];
  if (command.type === 'placeOco') return command.legs.map((request, i) => ({ request, prefix: `legs.${i}.` }));
  if (command.type === 'placeBracket') return [{ request: command.entry, prefix: 'entry.' }];
  return [];
}

/** Why the legs of a group do not fit together (INVALID_GROUP), at the field that breaks it. */
function groupProblem(command: Command): FieldIssue | undefined {
  if (command.type === 'placeBracket') {
    const long = command.entry.side === 'buy';
    return { path: 'takeProfitPrice', message: `takeProfitPrice must be ${long ? 'above' : 'below'} stopLossPrice: a ${long ? 'long' : 'short'} bracket takes profit ${long ? 'above' : 'below'} where it stops out` };
  }
  if (command.type !== 'placeOco') return undefined;
  const [a, b] = command.legs;
  if (a.symbol !== b.symbol) return { path: 'legs.1.symbol', message: 'both legs of an OCO must trade one symbol' };
  if (a.side !== b.side) return { path: 'legs.1.side', message: 'both legs of an OCO must be on one side' };
  if (a.qty !== b.qty) return { path: 'legs.1.qty', message: 'both legs of an OCO must have one qty' };
  const i = command.legs.findIndex((leg) => leg.type === 'market');
  if (i >= 0) return { path: `legs.${i}.type`, message: 'an OCO leg rests on the book, so it cannot be a market order' };
  const j = command.legs.findIndex((leg) => leg.tif === 'ioc' || leg.tif === 'fok');
  if (j >= 0) return { path: `legs.${j}.tif`, message: 'an OCO leg rests on the book, so it cannot be ioc or fok' };
  return undefined;
}

/**
 * The refusal of a placement the engine refused, told in the request's terms: a price out of band
 * with the band; a quantity past a limit with the limit, and a want of funds or shares with what
 * the order holds and what is available (details at the qty); a shape problem (a 400 code) with
 * the field it is about in details, the leg's path for a group ("legs.1.price"); anything else
 * with the engine's message.
 */
export function placementRefusal(engine: Engine, reason: ReasonCode, fallback: string, command: Command): ApiError {
  const band = placementBandRefusal(engine, reason, command);
  if (band) return band;
  const orders = placedOrders(command);
  if (reason === 'INSTRUMENT_HALTED' && orders[0]) return haltedRefusal(engine, orders[0].request.symbol);
  const figures = quantityRefusal(engine, reason, orders) ?? fundsRefusal(engine, reason, command, orders);
  if (figures) return figures;
  const explained = explainRefusal(reason, orders.map((o) => o.request));
  const message = explained?.message ?? fallback;
  if (statusOf(reason) !== 400) return new ApiError(reason, message);
  if (explained) return new ApiError(reason, message, [{ path: `${orders[explained.index]!.prefix}${explained.field}`, message }]);
  const group = reason === 'INVALID_GROUP' ? groupProblem(command) : undefined;
  if (group) return new ApiError(reason, `${group.path}: ${group.message}.`, [group]);
  // The leg the engine refuses on its own, else the first; the field the reason names, else the leg as a whole.
  const leg = orders.find((o) => engine.orderProblem(o.request) === reason) ?? orders[0];
  const field = leg && refusedField(reason, leg.request);
  const path = leg ? `${leg.prefix}${field ?? ''}`.replace(/\.$/, '') : '';
  return new ApiError(reason, message, [{ path, message }]);
}

/** AMOUNT_TOO_LARGE with details {asset, maximum, headroom}: how much of the asset the exchange can still take. */
export function amountTooLarge(engine: Engine, asset: string, amount: number): ApiError {
  const supply = engine.totals().get(asset)?.supply ?? 0;
  return depositPast(engine, asset, formatAmount(engine.asset(asset)!, amount), { held: supply, maximum: MAX_AMOUNT, holder: `the ${asset} held on the exchange`, bound: 'the most it can hold exactly' });
}

/**
 * AMOUNT_TOO_LARGE for a deposit past one account's ceiling, with details {asset, maximum, headroom}
 * as the exchange-wide refusal has them: here the ceiling, and what this account may still deposit.
 */
export function accountCeilingRefusal(engine: Engine, accountId: number, asset: string, amount: number): ApiError | undefined {
  return depositRefusal(engine, asset, amount, accountHolding(engine, accountId, asset));
}

/** What an account has of an asset, available and held, in minor units: what its deposit ceiling counts. */
export function accountHolding(engine: Engine, accountId: number, asset: string): number {
  const balance = engine.balance(accountId, asset);
  return (balance?.available ?? 0) + (balance?.held ?? 0);
}

/**
 * Why a deposit of `amount` into an account holding `held` of the asset would be refused, or
 * undefined when it would not: past one account's ceiling, or past what the exchange can hold.
 */
export function depositRefusal(engine: Engine, asset: string, amount: number, held: number): ApiError | undefined {
  if (held + amount > ACCOUNT_DEPOSIT_CEILING) return pastAccountCeiling(engine, asset, formatAmount(engine.asset(asset)!, amount), held);
  if ((engine.totals().get(asset)?.supply ?? 0) + amount > MAX_AMOUNT) return amountTooLarge(engine, asset, amount);
  return undefined;
}

/**
 * The refusal of a deposit amount too large to convert at all (past the exact range of minor
 * units, which assetAmount refuses as INVALID_AMOUNT): AMOUNT_TOO_LARGE past the account's ceiling,
 * as a smaller amount past it is, rather than another code for a larger amount. Undefined when
 * `amount` is not a positive plain decimal past that range: its problem is another. The amount is
 * quoted as sent, cut short when long.
 */
export function depositTooLargeToConvert(engine: Engine, asset: string, amount: DecimalInput, held: number): ApiError | undefined {
  const spec = engine.asset(asset);
  const text = plainDecimalText(amount);
  if (!spec || text === undefined || !isPositiveDecimal(text) || Number(text) * 10 ** spec.scale <= MAX_AMOUNT) return undefined;
  return pastAccountCeiling(engine, asset, echo(text), held);
}

function pastAccountCeiling(engine: Engine, asset: string, shown: string, held: number): ApiError {
  return depositPast(engine, asset, shown, { held, maximum: ACCOUNT_DEPOSIT_CEILING, holder: `this account's ${asset}`, bound: 'the most one account may deposit up to' });
}

interface DepositBound {
  /** What is held now, in minor units, and the most there may be. */
  readonly held: number;
  readonly maximum: number;
  /** Whose holding the deposit would grow, and what the bound is, in words. */
  readonly holder: string;
  readonly bound: string;
}

/** The one AMOUNT_TOO_LARGE for deposits: the amount, the bound it passes, and what may still be deposited. */
function depositPast(engine: Engine, asset: string, shown: string, { held, maximum, holder, bound }: DepositBound): ApiError {
  const spec = engine.asset(asset)!;
  const most = formatAmount(spec, maximum);
  const headroom = formatAmount(spec, Math.max(0, maximum - held));
  return new ApiError('AMOUNT_TOO_LARGE', `Depositing ${shown} ${asset} would take ${holder} past ${most}, ${bound}; at most ${headroom} more can be deposited.`, { asset, maximum: most, headroom });
}

/**
 * A shape refusal about one field, with the field in details. A message that opens with the field's
 * name ("qty must be more than ...") is told as the field's own checks tell theirs (fieldRefusal:
 * "qty must be a multiple of 1"); any other reads as a sentence ("A limit order has no stopPrice ...").
 */
function fieldError(reason: ReasonCode, path: string, message: string): ApiError {
  if (path !== '' && message.startsWith(`${path} `)) return fieldRefusal({ problem: reason, path, message });
  return new ApiError(reason, `${message.charAt(0).toUpperCase()}${message.slice(1).replace(/\.?$/, '.')}`, [{ path, message }]);
}

/** The live order as the request that would place it, for naming the field a refusal is about. */
function requestOf(order: Readonly<LiveOrder>): OrderRequest {
  return { accountId: order.accountId, symbol: order.market.instrument.symbol, side: order.side, type: order.type, qty: order.qty, price: order.price || undefined, stopPrice: order.stopPrice || undefined };
}

/** The changes a replace asked for, in engine units. */
export interface ReplaceFields {
  readonly qty?: number;
  readonly price?: number;
  readonly stopPrice?: number;
}

/**
 * Why the engine refused to replace `order`, in the terms a new order's refusal uses; the order is
 * read as it stands (a refused replace leaves it unchanged).
 */
export function replaceRefusal(engine: Engine, reason: ReasonCode, order: Readonly<LiveOrder>, fields: ReplaceFields, fallback: string): ApiError {
  const instrument = order.market.instrument;
  const symbol = instrument.symbol;
  const qty = (lots: number) => formatQty(instrument, lots);
  if (reason === 'INSTRUMENT_HALTED') return haltedRefusal(engine, symbol);
  if (reason === 'NOT_REPLACEABLE') {
    if (order.state === 'pending_parent') return new ApiError(reason, 'This order waits for its bracket entry to fill; it can be replaced once it is live.');
    if (order.execType === 'market') return new ApiError(reason, 'A market order cannot be replaced.');
    if (order.type === 'trailing_stop') return new ApiError(reason, 'A trailing_stop order cannot be replaced; cancel it and place a new one.');
    return new ApiError(reason, 'The legs of an OCO or bracket share one quantity, so qty cannot change; change price or stopPrice, or cancel the group and place it again.');
  }
  if (reason === 'INVALID_QUANTITY') return fieldError(reason, 'qty', `qty must be more than the ${qty(order.filled)} already filled`);
  if (reason === 'QUANTITY_ABOVE_MAX') return new ApiError(reason, aboveInstrumentMax(instrument, fields.qty ?? order.qty));
  if (reason === 'INVALID_PRICE' && !takesPrice(order.type)) return fieldError(reason, 'price', `a ${order.type} order has no price to change; leave price out`);
  if (reason === 'INVALID_STOP_PRICE' && !takesStopPrice(order.type)) return fieldError(reason, 'stopPrice', `a ${order.type} order has no stopPrice to change; leave stopPrice out`);
  if (reason === 'INVALID_STOP_PRICE' && order.state !== 'untriggered') return fieldError(reason, 'stopPrice', 'the stop has triggered, so its stopPrice can no longer change; change price or qty instead');
  if (reason === 'PRICE_OUT_OF_BAND') {
    const limit = order.execType === 'limit';
    const reference = limit ? lastPrice(engine, symbol) : (fields.stopPrice ?? order.stopPrice);
    return bandRefusal(engine, symbol, { path: 'price', price: fields.price ?? order.price, reference, referenceName: limit ? 'the last price' : 'the stop price' });
  }
  if (reason === 'INSUFFICIENT_FUNDS' || reason === 'INSUFFICIENT_SHARES') {
    const asset = reason === 'INSUFFICIENT_FUNDS' ? instrument.quote : instrument.base;
    const available = formatAmount(engine.asset(asset)!, engine.balance(order.accountId, asset)?.available ?? 0);
    return new ApiError(reason, `Not enough available ${asset} to hold for the order at its new qty and price: ${available} ${asset} is available beyond what the order holds now.`);
  }
  if (statusOf(reason) === 400) return fieldError(reason, refusedField(reason, requestOf(order)) ?? '', fallback);
  return new ApiError(reason, fallback);
}
