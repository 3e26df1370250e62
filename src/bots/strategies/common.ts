// Helpers the built-in bots share: a fair price, what may be sold, whole-lot quantities and logging refusals.
//
// Every helper reads only the context (its seeded random, clock and state views), so a bot built on
// them repeats exactly under a simulated clock.
import type { Failure, OrderView, PortInstrument, StrategyContext } from '../../strategy/index.ts';

/** Any context: the helpers read nothing from params or state. */
type Ctx = Pick<StrategyContext<unknown, unknown>, 'quote' | 'lastPrice' | 'position' | 'openOrders' | 'instrument' | 'log'>;

/**
 * The price a bot trades around: the mid of the best bid and ask when both exist, else the last
 * trade (or bar close), else the configured reference price; undefined when nothing is known yet.
 */
export function fairPrice(ctx: Ctx, symbol: string, reference?: number): number | undefined {
  const quote = ctx.quote(symbol);
  if (quote?.bid !== undefined && quote.ask !== undefined && quote.bid < quote.ask) return (quote.bid + quote.ask) / 2;
  return ctx.lastPrice(symbol) ?? reference;
}

/** The last trade price, else the mid, else the reference: for bots that follow prints rather than quotes. */
export function lastOrFair(ctx: Ctx, symbol: string, reference?: number): number | undefined {
  return ctx.lastPrice(symbol) ?? fairPrice(ctx, symbol, reference);
}

export interface Grid {
  readonly lot: number;
  readonly tick: number;
  readonly minQty: number;
  /** Decimal places of the lot and tick sizes, for writing exact quantities and prices. */
  readonly lotDigits: number;
  readonly tickDigits: number;
}

/** Grids per instrument report: a runner keeps its instruments for the whole run, and bots ask on every step. */
const grids = new WeakMap<PortInstrument, Grid>();

/** The instrument's grid as numbers; undefined for a symbol the venue does not list. */
export function grid(ctx: Ctx, symbol: string): Grid | undefined {
  const instrument = ctx.instrument(symbol);
  if (!instrument) return undefined;
  let known = grids.get(instrument);
  if (!known) {
    known = { lot: Number(instrument.lotSize), tick: Number(instrument.tickSize), minQty: Number(instrument.minQty), lotDigits: decimals(instrument.lotSize), tickDigits: decimals(instrument.tickSize) };
    grids.set(instrument, known);
  }
  return known;
}

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Whole lots in `qty`, rounded down. Positions and order quantities are always whole lots, so the
 * tiny epsilon only absorbs floating-point error in sums of them (0.06 - 0.04 = 0.01999...).
 */
export function wholeLots(qty: number, lot: number): number {
  return qty <= 0 ? 0 : Math.floor(qty / lot + 1e-9);
}

/** The fewest whole lots an order may have: the instrument's minimum quantity, at least one lot. */
export function minLots(g: Grid): number {
  return Math.max(1, Math.ceil(g.minQty / g.lot - 1e-9));
}

/** `lots` whole lots as exact decimal text, so the SDK sends precisely that quantity. */
export function lotsText(lots: number, lot: number, lotDigits: number): string {
  return (lots * lot).toFixed(lotDigits);
}

/** Open quantity of the bot's live orders on one side of a symbol; `open`: the symbol's open orders when the caller has them already. */
export function openQty(ctx: Ctx, symbol: string, side: 'buy' | 'sell', open: readonly OrderView[] = ctx.openOrders(symbol)): number {
  let total = 0;
  for (const order of open) if (order.side === side) total += order.leavesQty;
  return total;
}

/**
 * What the bot may still sell: its position less what its live sell orders already reserve. There
 * is no short selling, so a bot never asks for more than this and the venue never has to refuse.
 */
export function sellable(ctx: Ctx, symbol: string, open: readonly OrderView[] = ctx.openOrders(symbol)): number {
  return Math.max(0, ctx.position(symbol).qty - openQty(ctx, symbol, 'sell', open));
}

/** Logs a refusal (a venue reason code or an SDK one); a refused order is a normal outcome, not an error. */
export function noteRefusal(ctx: Pick<Ctx, 'log'>, action: string, result: { readonly ok: true } | Failure): void {
  if (!result.ok) ctx.log.warn(`${action} refused`, { code: result.code, message: result.message });
}

/** A draw from the exponential distribution with this mean, from a uniform draw in [0, 1). */
export function exponential(mean: number, uniform: number): number {
  return -mean * Math.log(1 - uniform);
}
