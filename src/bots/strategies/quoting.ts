// Keeping one resting quote per side: keep a quote that already matches, cancel the rest, then place what is missing.
import type { OrderView, StrategyContext } from '../../strategy/index.ts';
import { lotsText, noteRefusal, type Grid } from './common.ts';

/** Per symbol: the fair price the live quotes were computed around (undefined before the first). */
export interface Quoted {
  fair: number | undefined;
}

/** One wanted quote, in whole ticks and lots; zero or missing means no quote on that side. */
export interface Want {
  readonly ticks: number;
  readonly lots: number;
}

type Ctx = Pick<StrategyContext<unknown, unknown>, 'openOrders' | 'cancel' | 'order' | 'log'>;

const SIDES = ['buy', 'sell'] as const;

/**
 * Makes the bot's resting limit orders on each side equal to its wanted quote. A quote that already
 * matches is left alone, keeping its place in the queue. Every other one is cancelled before any new
 * quote goes out: a new bid placed while the old ask still rests could trade against the bot itself.
 */
export async function reconcile(ctx: Ctx, symbol: string, wants: Readonly<Record<'buy' | 'sell', Want | undefined>>, g: Grid, postOnly: boolean): Promise<void> {
  const missing: Array<{ side: 'buy' | 'sell'; want: Want }> = [];
  const stale: OrderView[] = [];
  const open = ctx.openOrders(symbol);
  for (const side of SIDES) {
    const mine = open.filter((o) => o.side === side && o.type === 'limit');
    const want = wants[side];
    const wanted = want && want.ticks > 0 && want.lots > 0 ? want : undefined;
    const only = mine.length === 1 ? mine[0] : undefined;
    if (wanted && only && matches(only, wanted, g)) continue;
    stale.push(...mine);
    if (wanted) missing.push({ side, want: wanted });
  }
  // A cancel can be refused when the quote filled meanwhile (UNKNOWN_ORDER); the fill event follows.
  for (const order of stale) noteRefusal(ctx, 'cancel', await ctx.cancel(order.id));
  for (const { side, want } of missing) {
    const result = await ctx.order({ symbol, side, qty: lotsText(want.lots, g.lot, g.lotDigits), price: (want.ticks * g.tick).toFixed(g.tickDigits), postOnly });
    noteRefusal(ctx, `${side} quote`, result);
  }
}

/** Same price and full size, untouched: a partly filled quote is refreshed to full size. Views are doubles, so equal means within half a step. */
function matches(order: OrderView, want: Want, g: Grid): boolean {
  return order.price !== undefined && order.filledQty === 0 && Math.abs(order.price - want.ticks * g.tick) < g.tick / 2 && Math.abs(order.leavesQty - want.lots * g.lot) < g.lot / 2;
}
