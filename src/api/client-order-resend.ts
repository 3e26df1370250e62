// A placement that names a client order id already used: the request, normalized, compared field by field with what the id first placed.
import type { PlaceBracket, PlaceOco, PlaceOrder } from '../core/commands.ts';
import { fromUnits } from '../core/decimal.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import type { Instrument } from '../core/instrument.ts';
import type { OrderRequest } from '../core/orders.ts';
import { defaultTif } from '../engine/order-checks.ts';
import { formatPrice, formatQty } from '../platform/units.ts';
import type { OrderRow } from '../store/index.ts';
import { ApiError } from './errors.ts';

export type Placement = PlaceOrder | PlaceOco | PlaceBracket;
type Lookup = (symbol: string) => Instrument | undefined;
type Kind = 'order' | 'oco' | 'bracket';

const KIND_OF: Record<Placement['type'], Kind> = { placeOrder: 'order', placeOco: 'oco', placeBracket: 'bracket' };
const KIND_NAMES: Record<Kind, string> = { order: 'a single order', oco: 'an OCO group', bracket: 'a bracket' };
const NONE = 'none';

/** The orders a placement creates, in the order their ids are taken. */
function requestsOf(placement: Placement): readonly OrderRequest[] {
  if (placement.type === 'placeOrder') return [placement.order];
  return placement.type === 'placeOco' ? placement.legs : [placement.entry];
}

/** The client order ids a placement names, in request order. */
export function clientOrderIdsOf(placement: Placement): string[] {
  const ids: string[] = [];
  for (const request of requestsOf(placement)) if (request.clientOrderId !== undefined) ids.push(request.clientOrderId);
  return ids;
}

/**
 * Undefined when `placement` places what `group` (the orders the client order id first placed, in
 * id order) was placed as; otherwise the 409 naming each difference. Both sides are compared as
 * the engine took them: defaults applied, numbers as values in the instrument's units, so "5" and
 * "5.0", or a left-out tif and the default one, are the same request.
 */
export function resendRefusal(placement: Placement, group: readonly OrderRow[], clientOrderId: string, lookup: Lookup): ApiError | undefined {
  const issues = differences(placement, group, lookup);
  if (issues.length === 0) return undefined;
  const which = describeGroup(group);
  const message =
    `Client order id "${clientOrderId}" already placed ${which}, and this request differs from it: ${issues.map((issue) => issue.message).join('; ')}. ` +
    `Send the original request again to read ${group.length === 1 ? 'it' : 'them'} back, or use a new client order id for a new order.`;
  return new ApiError('DUPLICATE_CLIENT_ORDER_ID', message, issues);
}

function differences(placement: Placement, group: readonly OrderRow[], lookup: Lookup): FieldIssue[] {
  const kind = kindOf(group);
  const wanted = KIND_OF[placement.type];
  if (kind !== wanted) return [{ path: '', message: `${describeGroup(group)} is ${KIND_NAMES[kind]}, this request places ${KIND_NAMES[wanted]}` }];
  switch (placement.type) {
    case 'placeOrder':
      return compare(requestTerms(placement.order, lookup), rowTerms(group[0]!, lookup), '', group[0]!.id);
    case 'placeOco':
      return placement.legs.flatMap((leg, i) => compare(requestTerms(leg, lookup), rowTerms(group[i]!, lookup), `legs.${i}.`, group[i]!.id));
    case 'placeBracket':
      return bracketDifferences(placement, group, lookup);
  }
}

/** A bracket's entry field by field, and its legs by the prices the request gave them (their size follows the entry's fills). */
function bracketDifferences(placement: PlaceBracket, group: readonly OrderRow[], lookup: Lookup): FieldIssue[] {
  const entry = group.find((row) => row.parentId === null)!;
  const takeProfit = group.find((row) => row.parentId !== null && row.orderType === 'limit')!;
  const stopLoss = group.find((row) => row.parentId !== null && row.orderType !== 'limit')!;
  const price = priceFormat(lookup(placement.entry.symbol));
  const placed = priceFormat(lookup(entry.symbol));
  return [
    ...compare(requestTerms(placement.entry, lookup), rowTerms(entry, lookup), 'entry.', entry.id),
    ...compare({ takeProfitPrice: price(placement.takeProfitPrice) }, { takeProfitPrice: placed(placedPrice(takeProfit)) }, '', takeProfit.id),
    ...compare(
      { stopLossPrice: price(placement.stopLossPrice), stopLossLimitPrice: price(placement.stopLossLimitPrice) },
      { stopLossPrice: placed(placedStopPrice(stopLoss)), stopLossLimitPrice: placed(stopLoss.orderType === 'stop_limit' ? placedPrice(stopLoss) : null) },
      '',
      stopLoss.id,
    ),
  ];
}

/** What the orders of one placement were placed as: one order, an OCO pair, or a bracket (an entry with legs waiting on it). */
function kindOf(group: readonly OrderRow[]): Kind {
  if (group.length === 1 && group[0]!.groupId === null) return 'order';
  return group.some((row) => row.parentId !== null) ? 'bracket' : 'oco';
}

function describeGroup(group: readonly OrderRow[]): string {
  const ids = group.map((row) => row.id);
  if (ids.length === 1) return `order ${ids[0]}`;
  const list = `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  return kindOf(group) === 'bracket' ? `the bracket of orders ${list}` : `the OCO group of orders ${list}`;
}

type Terms = Readonly<Record<string, string>>;

/** Each field whose value differs, at `prefix` + its name, saying both values. */
function compare(requested: Terms, placed: Terms, prefix: string, orderId: number): FieldIssue[] {
  return Object.entries(requested).flatMap(([field, value]) => {
    const original = placed[field];
    return value === original ? [] : [{ path: `${prefix}${field}`, message: `${prefix}${field} is ${value} here but ${original} when order ${orderId} was placed` }];
  });
}

function priceFormat(instrument: Instrument | undefined): (ticks: number | null | undefined) => string {
  return (ticks) => (ticks === null || ticks === undefined ? NONE : instrument ? formatPrice(instrument, ticks) : String(ticks));
}

/** An order request's terms with the engine's defaults applied, as a person writes them. */
function requestTerms(request: OrderRequest, lookup: Lookup): Terms {
  const instrument = lookup(request.symbol);
  const price = priceFormat(instrument);
  return {
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    qty: instrument ? formatQty(instrument, request.qty) : String(request.qty),
    price: price(request.price),
    stopPrice: price(request.stopPrice),
    trailAmount: price(request.trailAmount),
    trailPercent: percent(request.trailBps),
    tif: request.tif ?? defaultTif(request),
    expireAt: request.expireAt === undefined ? NONE : String(request.expireAt),
    postOnly: String(request.postOnly === true),
    stp: request.stp ?? 'cancel_newest',
    clientOrderId: request.clientOrderId ?? NONE,
  };
}

/**
 * A stored order's terms as it was placed: its quantity and prices before any replace. A trailing
 * stop's stopPrice is the engine's, derived from the trail, never the request's.
 */
function rowTerms(row: OrderRow, lookup: Lookup): Terms {
  const instrument = lookup(row.symbol);
  const price = priceFormat(instrument);
  const qty = row.placedQty ?? row.qty;
  return {
    symbol: row.symbol,
    side: row.side,
    type: row.orderType,
    qty: instrument ? formatQty(instrument, qty) : String(qty),
    price: price(placedPrice(row)),
    stopPrice: price(row.orderType === 'trailing_stop' ? null : placedStopPrice(row)),
    trailAmount: price(row.trailAmount),
    trailPercent: percent(row.trailBps),
    tif: row.tif,
    expireAt: row.expireAt === null ? NONE : String(row.expireAt),
    postOnly: String(row.postOnly),
    stp: row.stp,
    clientOrderId: row.clientOrderId ?? NONE,
  };
}

/** The price an order was placed with; an order stored before placed prices were kept has its current one. */
function placedPrice(row: OrderRow): number | null {
  return row.placedQty === null ? row.price : row.placedPrice;
}

function placedStopPrice(row: OrderRow): number | null {
  return row.placedQty === null ? row.stopPrice : row.placedStopPrice;
}

function percent(bps: number | null | undefined): string {
  return bps === null || bps === undefined ? NONE : fromUnits(bps, '0.01');
}
