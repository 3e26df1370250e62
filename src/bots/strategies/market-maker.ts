// Built-in bot "market-maker": two-sided post-only quotes around a fair price, skewed against inventory, refreshed on a timer and on moves.
//
// Invariants:
// - at most one bid and one ask per symbol are live; a quote that no longer matches the wanted
//   price and size is cancelled before its replacement goes out (stale quotes never linger);
// - the ask never offers more than the position (no short selling) and the bid stops at
//   `maxPosition`, so the venue never has to refuse for shares; a size or cap not set is a share of
//   the bot's worth (sizing.ts);
// - the fair price ignores the bot's own quotes: the mid counts only when neither side of the best
//   quote is its own; quoting around its own mid would let the skew walk the price away on every
//   refresh. Without a market mid it is the last trade (or, with its own quote on top, the fair it
//   last quoted around), else the reference price.
// Skew: both quotes shift by `skewBps` of the fair price times the lean (see `lean`): a bot long of
// its target quotes lower (sells more readily), one short of it higher (buys its inventory back).
import { defineStrategy, z, type StrategyContext } from '../../strategy/index.ts';
import { grid, minLots, noteRefusal, wholeLots } from './common.ts';
import { reconcile, type Quoted } from './quoting.ts';
import { LIMIT_MARGIN, percent, shareOfWorth } from './sizing.ts';

/** Default quote size and position cap, as shares of the bot's worth (see sizing.ts). */
const SIZE_SHARE = 0.01;
const POSITION_SHARE = 0.2;

export const marketMakerParams = z.object({
  spreadBps: z.number().positive().max(5_000).default(20).describe('Distance between bid and ask, in basis points of the fair price'),
  size: z.number().positive().optional().describe(`Quote size per side, in base units (default: ${percent(SIZE_SHARE)} of the bot's worth)`),
  maxPosition: z.number().positive().optional().describe(`No bid once the position reaches this, in base units (default: ${percent(POSITION_SHARE)} of the bot's worth)`),
  targetPosition: z.number().min(0).default(0).describe('Inventory the quotes lean back towards'),
  skewBps: z.number().min(0).default(10).describe('Quote shift at either end of the inventory range (nothing held, or maxPosition), in basis points'),
  requoteMs: z.number().int().min(10).default(1_000).describe('Refresh interval, in milliseconds'),
  moveBps: z.number().min(0).default(5).describe('Requote at once when the fair price moves this many basis points'),
  quoteThrottleMs: z.number().int().min(0).default(100).describe('Least time between two requotes that changes in the book trigger, in milliseconds'),
  postOnly: z.boolean().default(true).describe('Quotes only add liquidity; a quote that would trade is refused'),
  referencePrice: z.number().positive().optional().describe('Price to quote around before the market has one'),
});

type Params = z.output<typeof marketMakerParams>;
/** Per symbol: the quotes' fair price, and when a change in the book last triggered a requote. */
interface MakerState extends Quoted {
  bookAt: number | undefined;
}

type Ctx = StrategyContext<Params, Map<string, MakerState>>;

/** The best quote split into the market's own sides: a side where the bot's quote is best says nothing about the market. */
function market(ctx: Ctx, symbol: string): { readonly bid: number | undefined; readonly ask: number | undefined; readonly own: boolean } {
  const quote = ctx.quote(symbol);
  const open = quote === undefined ? [] : ctx.openOrders(symbol);
  const mine = (side: 'buy' | 'sell', price: number | undefined) => price !== undefined && open.some((o) => o.side === side && o.price === price);
  const ownBid = mine('buy', quote?.bid);
  const ownAsk = mine('sell', quote?.ask);
  return { bid: ownBid ? undefined : quote?.bid, ask: ownAsk ? undefined : quote?.ask, own: ownBid || ownAsk };
}

function fair(ctx: Ctx, symbol: string, quoted: Quoted): number | undefined {
  const { bid, ask, own } = market(ctx, symbol);
  if (bid !== undefined && ask !== undefined && bid < ask) return (bid + ask) / 2;
  // With its own quote on top, the bot keeps the fair it quoted around: switching to the last price
  // here would flip between two estimates as its own quotes come and go, and requote forever.
  if (own) return quoted.fair ?? ctx.lastPrice(symbol) ?? ctx.params.referencePrice;
  return ctx.lastPrice(symbol) ?? quoted.fair ?? ctx.params.referencePrice;
}

/**
 * Where the position sits in its range, from -1 (nothing held, under a positive target) through 0
 * (at the target) to 1 (at maxPosition). Each side is measured over its own room, so the skew is
 * full at both ends: a bot whose buyers have taken all its inventory leans its hardest to buy it
 * back, however far the target sits from maxPosition.
 */
export function lean(held: number, target: number, maxPosition: number): number {
  const room = held >= target ? maxPosition - target : target;
  if (room <= 0) return held > target ? 1 : 0;
  return Math.max(-1, Math.min(1, (held - target) / room));
}

async function requote(ctx: Ctx, symbol: string): Promise<void> {
  const p = ctx.params;
  const quoted = ctx.state.get(symbol);
  const g = grid(ctx, symbol);
  const instrument = ctx.instrument(symbol);
  if (!quoted || !g || !instrument) return;
  const mid = fair(ctx, symbol, quoted);
  if (mid === undefined) return;
  quoted.fair = mid;
  const held = ctx.position(symbol).qty;
  const maxPosition = p.maxPosition ?? shareOfWorth(ctx, symbol, POSITION_SHARE, mid);
  const reservation = mid * (1 - (lean(held, p.targetPosition, maxPosition) * p.skewBps) / 10_000);
  const half = (reservation * p.spreadBps) / 20_000;
  let bidTicks = Math.floor((reservation - half) / g.tick + 1e-9);
  let askTicks = Math.max(1, Math.ceil((reservation + half) / g.tick - 1e-9));
  // Post-only quotes must not cross the market's best prices: a skewed ask below the best bid
  // would only be refused, so it joins one tick above it instead (and the bid likewise).
  const { bid, ask } = market(ctx, symbol);
  if (bid !== undefined) askTicks = Math.max(askTicks, Math.round(bid / g.tick) + 1);
  if (ask !== undefined) bidTicks = Math.min(bidTicks, Math.round(ask / g.tick) - 1);
  // Rounding never crosses the two quotes: the bid stays at least one tick under the ask.
  if (bidTicks >= askTicks) bidTicks = askTicks - 1;
  const sizeLots = Math.max(p.size === undefined ? minLots(g) : 0, wholeLots(p.size ?? shareOfWorth(ctx, symbol, SIZE_SHARE, mid), g.lot));
  const bidRoom = wholeLots(maxPosition - held, g.lot);
  let bidLots = Math.min(sizeLots, bidRoom);
  // At most what the cash pays for, with room for the fee (a bid past it would only be refused):
  // a size set above it quotes smaller rather than not at all. Total cash includes what the bot's
  // own bid holds, which replacing it frees.
  const affordable = wholeLots(ctx.cash(instrument.quote) / (bidTicks * g.tick * (1 + LIMIT_MARGIN)), g.lot);
  bidLots = affordable < minLots(g) ? 0 : Math.min(bidLots, affordable);
  const askLots = Math.min(sizeLots, wholeLots(held, g.lot));
  await reconcile(ctx, symbol, { buy: { ticks: bidTicks, lots: bidLots }, sell: { ticks: askTicks, lots: askLots } }, g, p.postOnly);
}

/** Requotes when the fair price moved at least moveBps since the last quotes. */
async function onMarket(ctx: Ctx, symbol: string): Promise<void> {
  const quoted = ctx.state.get(symbol);
  if (!quoted) return;
  const now = fair(ctx, symbol, quoted);
  if (now === undefined) return;
  if (quoted.fair === undefined || (Math.abs(now - quoted.fair) / quoted.fair) * 10_000 >= ctx.params.moveBps) await requote(ctx, symbol);
}

/**
 * A change in the book requotes at most once per quoteThrottleMs. Two market makers on one symbol
 * take their fair price from each other's quotes: without the pause each requote moves the other's
 * fair price, and they could requote each other for ever, as fast as the venue answers. Trades and
 * the bot's own fills still requote at once; a book change skipped meanwhile waits for the next
 * event or the timer.
 */
async function onBookChange(ctx: Ctx, symbol: string): Promise<void> {
  const quoted = ctx.state.get(symbol);
  if (!quoted) return;
  const at = ctx.clock.now();
  if (quoted.bookAt !== undefined && at - quoted.bookAt < ctx.params.quoteThrottleMs) return;
  quoted.bookAt = at;
  await onMarket(ctx, symbol);
}

export const marketMaker = defineStrategy({
  name: 'market-maker',
  params: marketMakerParams,
  historySize: 0,
  state: () => new Map<string, MakerState>(),
  async onStart(ctx) {
    for (const symbol of ctx.symbols) ctx.state.set(symbol, { fair: undefined, bookAt: undefined });
    ctx.setTimer('requote', ctx.params.requoteMs);
    for (const symbol of ctx.symbols) await requote(ctx, symbol);
  },
  async onTimer(ctx) {
    for (const symbol of ctx.symbols) await requote(ctx, symbol);
  },
  async onQuote(ctx, quote) {
    await onBookChange(ctx, quote.symbol);
  },
  async onTrade(ctx, trade) {
    await onMarket(ctx, trade.symbol);
  },
  async onFill(ctx, fill) {
    // The inventory changed: the skew and the size the ask may offer changed with it.
    await requote(ctx, fill.symbol);
  },
  async onStop(ctx) {
    // A stopped market maker must not leave quotes behind that nobody manages.
    for (const symbol of ctx.symbols) noteRefusal(ctx, 'cancel', await ctx.cancelAll(symbol));
  },
});
