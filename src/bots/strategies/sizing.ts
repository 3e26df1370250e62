// Default order sizes of the built-in bots: a share of the bot's worth (cash plus holdings at the last price), and no more than its cash pays for.
//
// A size in base units suits one price only: 5 shares is a tenth of a $10,000 bot at $200 and more
// than it owns at $65,000. A share of the bot's worth suits every price, and a richer bot trades
// bigger. Params in base units still win where they are set.
import type { OrderView, StrategyContext } from '../../strategy/index.ts';
import { openQty, wholeLots, type Grid } from './common.ts';

type Ctx = Pick<StrategyContext<unknown, unknown>, 'symbols' | 'instrument' | 'lastPrice' | 'position' | 'cash' | 'openOrders' | 'quote' | 'log'>;

/** Room a limit buy leaves for its fee. */
export const LIMIT_MARGIN = 0.01;
/** A market buy holds cash at the price band's edge (10% on the shipped markets), not at the last price. */
const MARKET_MARGIN = 0.1;

/**
 * The bot's worth in the quote currency of `symbol`: its cash plus what it holds of each of its
 * symbols quoted in that currency, at the last price (`price` for `symbol` while it has none).
 */
export function worth(ctx: Ctx, symbol: string, price: number): number {
  const currency = ctx.instrument(symbol)?.quote;
  if (currency === undefined) return 0;
  let total = ctx.cash(currency);
  for (const held of ctx.symbols) {
    if (ctx.instrument(held)?.quote !== currency) continue;
    const qty = ctx.position(held).qty;
    const last = ctx.lastPrice(held) ?? (held === symbol ? price : undefined);
    if (qty > 0 && last !== undefined) total += qty * last;
  }
  return total;
}

/** Base units worth `share` of the bot's worth, at `price`. */
export function shareOfWorth(ctx: Ctx, symbol: string, share: number, price: number): number {
  return price > 0 ? (worth(ctx, symbol, price) * share) / price : 0;
}

/** An order's size range in base units: the params' own bounds, or shares of the bot's worth for those not set; never min above max. */
export function orderRange(
  ctx: Ctx,
  symbol: string,
  price: number,
  given: { readonly minQty?: number | undefined; readonly maxQty?: number | undefined },
  shares: { readonly min: number; readonly max: number },
): { readonly min: number; readonly max: number } {
  if (given.minQty !== undefined && given.maxQty !== undefined) return { min: given.minQty, max: given.maxQty };
  const min = given.minQty ?? shareOfWorth(ctx, symbol, shares.min, price);
  const max = given.maxQty ?? Math.max(min, shareOfWorth(ctx, symbol, shares.max, price));
  return { min: Math.min(min, max), max };
}

/**
 * Whole lots of a buy of `symbol` at `price` that the bot's cash pays for: its cash less what its
 * open buys (of every symbol in that currency) hold, with room for the fee, or for the price band a
 * market buy is held at. The venue would refuse the rest.
 */
export function affordableLots(ctx: Ctx, symbol: string, price: number, g: Grid, kind: 'limit' | 'market'): number {
  const currency = ctx.instrument(symbol)?.quote;
  if (currency === undefined || price <= 0) return 0;
  let held = 0;
  for (const each of ctx.symbols) if (ctx.instrument(each)?.quote === currency) held += buysHold(ctx.openOrders(each), ctx.lastPrice(each) ?? price);
  const perUnit = price * (1 + (kind === 'market' ? MARKET_MARGIN : LIMIT_MARGIN));
  return wholeLots((ctx.cash(currency) - held) / perUnit, g.lot);
}

/**
 * The whole lots of a signal bot's market buy at `price`: `qty` (default `share` of the bot's worth),
 * up to `maxPosition` (default the order's size) less the position and open buys, and what the
 * cash pays for.
 */
export function buyLots(ctx: Ctx & { readonly params: { readonly qty?: number | undefined; readonly maxPosition?: number | undefined } }, symbol: string, price: number, g: Grid, share: number): number {
  const qty = ctx.params.qty ?? shareOfWorth(ctx, symbol, share, price);
  const room = (ctx.params.maxPosition ?? qty) - ctx.position(symbol).qty - openQty(ctx, symbol, 'buy');
  return Math.min(wholeLots(Math.min(qty, room), g.lot), affordableLots(ctx, symbol, price, g, 'market'));
}

/** A share as a percent, for a param's description: 0.005 -> "0.5%". */
export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(6))}%`;
}

/** Cash the open buys hold: their open quantity at their limit (the last price for those without one). */
function buysHold(open: readonly OrderView[], last: number): number {
  let total = 0;
  for (const order of open) if (order.side === 'buy') total += order.leavesQty * (order.price ?? last) * (1 + LIMIT_MARGIN);
  return total;
}
