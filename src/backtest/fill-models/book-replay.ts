// Book-replay fills: the historical L2 book and trades, with each resting strategy order's place in its price level's queue estimated.
//
// The estimate, per resting order:
// - it joins behind everything the book shows at its price when it starts resting;
// - a trade at its price uses up the queue ahead of it first; only the rest fills it;
// - a level that shrinks without a trade lost its orders from the back of the queue (the
//   conservative reading): the queue ahead shrinks only when the level becomes smaller than it;
// - a trade through its price fills it outright; the other side of the book arriving at its price
//   fills it from what is shown there at that moment (once: liquidity that stays is not taken again).
// New orders that take liquidity walk the recorded levels of the other side, so their slippage is
// the book's own.
import type { Side } from '../../core/orders.ts';
import type { FillModel, MarketView, RestingOrder } from '../fill-model.ts';
import type { MarketRecord, TradeRecord } from '../types.ts';
import { printAt } from './price-touch.ts';

interface Queue {
  /** The price the estimate is for: a replace to another price starts over at the back. */
  readonly price: number;
  /** Lots ahead of the order at its level. */
  ahead: number;
  /** Whether the other side of the book was at or through the price at the last update. */
  reached: boolean;
}

export class BookReplayModel implements FillModel {
  /** Lots ahead of each resting strategy order, by order id, with the price the estimate is for. */
  private readonly queues = new Map<number, Queue>();

  onRecord(record: MarketRecord, market: MarketView): void {
    if (record.kind === 'book') this.bookChanged(record.symbol, market);
    else if (record.kind === 'trade') this.traded(record, market);
    else return;
    this.triggerStops(record.symbol, market);
  }

  beforeOrder(symbol: string, sides: ReadonlySet<Side>, market: MarketView): void {
    const last = market.lastPrice(symbol);
    if (last !== undefined) printAt(symbol, last, market);
    const book = market.recordedBook(symbol);
    if (!book) return;
    const exposure = market.exposure(symbol);
    // The levels an order can take: asks for a buy, bids for a sell; never at or through the
    // strategy's own resting prices, which the engine would otherwise fill against the book.
    for (const side of sides) {
      const other: Side = side === 'buy' ? 'sell' : 'buy';
      for (const [price, qty] of book.levels(other)) {
        if (other === 'sell' ? price <= exposure.maxBuy : price >= exposure.minSell) continue;
        if (other === 'sell') market.liquidity.quote(symbol, undefined, price, qty);
        else market.liquidity.quote(symbol, price, undefined, qty);
      }
    }
  }

  afterOrder(symbol: string, market: MarketView): void {
    market.liquidity.clear(symbol);
    const book = market.recordedBook(symbol);
    const resting = market.resting(symbol);
    // A new order, or one whose price was replaced, joins the back of its level's queue.
    for (const order of resting) {
      if (this.queues.get(order.id)?.price !== order.price) this.queues.set(order.id, { price: order.price, ahead: book?.qty(order.side, order.price) ?? 0, reached: false });
    }
    if (this.queues.size > 2 * resting.length + 64) {
      const live = new Set(resting.map((o) => o.id));
      for (const id of this.queues.keys()) if (!live.has(id)) this.queues.delete(id);
    }
  }

  private traded(trade: TradeRecord, market: MarketView): void {
    const aggressor = trade.takerSide ?? this.inferAggressor(trade, market);
    const passive: Side = aggressor === 'buy' ? 'sell' : 'buy';
    let remaining = trade.qty;
    for (const order of this.queue(trade.symbol, passive, market)) {
      const through = passive === 'buy' ? order.price > trade.price : order.price < trade.price;
      if (through) {
        this.fill(trade.symbol, order, order.leaves, market);
        continue;
      }
      if (order.price !== trade.price || remaining <= 0) continue;
      const queue = this.queueOf(order);
      const reaching = remaining - queue.ahead;
      queue.ahead = Math.max(0, queue.ahead - remaining);
      if (reaching <= 0) {
        remaining = 0;
        continue;
      }
      const filled = Math.min(reaching, order.leaves);
      this.fill(trade.symbol, order, filled, market);
      remaining = reaching - filled;
    }
  }

  private bookChanged(symbol: string, market: MarketView): void {
    const book = market.recordedBook(symbol);
    if (!book) return;
    const bestBid = book.best('buy');
    const bestAsk = book.best('sell');
    for (const order of market.resting(symbol)) {
      const queue = this.queueOf(order);
      queue.ahead = Math.min(queue.ahead, book.qty(order.side, order.price));
      // The other side reached the order's price: it would have traded with what was there then.
      // Only the moment it arrives fills: the same resting liquidity is not taken again on the
      // next update while it stays.
      const reached = order.side === 'buy' ? bestAsk !== undefined && bestAsk <= order.price : bestBid !== undefined && bestBid >= order.price;
      const arrived = reached && !queue.reached;
      queue.reached = reached;
      if (!arrived) continue;
      const across = book.levels(order.side === 'buy' ? 'sell' : 'buy').filter(([price]) => (order.side === 'buy' ? price <= order.price : price >= order.price));
      const available = across.reduce((sum, [, qty]) => sum + qty, 0);
      this.fill(symbol, order, Math.min(order.leaves, available), market);
    }
  }

  /** The strategy's resting orders on the passive side, in the order a trade would reach them. */
  private queue(symbol: string, side: Side, market: MarketView): RestingOrder[] {
    const orders = market.resting(symbol).filter((o) => o.side === side);
    return orders.sort((a, b) => (side === 'buy' ? b.price - a.price : a.price - b.price));
  }

  /** Fills `qty` lots of one resting order at its own price: a taker order priced exactly there. */
  private fill(symbol: string, order: RestingOrder, qty: number, market: MarketView): void {
    if (qty <= 0) return;
    market.liquidity.sweep(symbol, order.side === 'buy' ? 'sell' : 'buy', order.price, qty);
    if (qty >= order.leaves) this.queues.delete(order.id);
  }

  /** An order the model has not seen rest yet (placed before any book) has nothing ahead of it. */
  private queueOf(order: RestingOrder): Queue {
    let queue = this.queues.get(order.id);
    if (queue?.price !== order.price) this.queues.set(order.id, (queue = { price: order.price, ahead: 0, reached: false }));
    return queue;
  }

  private inferAggressor(trade: TradeRecord, market: MarketView): Side {
    const bid = market.recordedBook(trade.symbol)?.best('buy');
    return bid !== undefined && trade.price <= bid ? 'sell' : 'buy';
  }

  private triggerStops(symbol: string, market: MarketView): void {
    if (!market.exposure(symbol).stops) return;
    const last = market.lastPrice(symbol);
    if (last === undefined || market.engineLastPrice(symbol) === last) return;
    const book = market.recordedBook(symbol);
    // Quotes from the book give a triggered stop the liquidity the market really had.
    if (book) this.beforeOrder(symbol, new Set<Side>(['buy', 'sell']), market);
    printAt(symbol, last, market);
    market.liquidity.clear(symbol);
  }
}
