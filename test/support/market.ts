// Counterparties for trading tests: a well-funded seller and buyer that print trades and quote on request.
import type { OrderView } from './views.ts';
import { newTrader, type Trader } from './traders.ts';

export class Counterparties {
  private constructor(
    readonly seller: Trader,
    readonly buyer: Trader,
  ) {}

  /** Both sides hold plenty of cash and of every symbol's base asset (stocks whose base is the symbol). */
  static async create(url: string, symbols: readonly string[]): Promise<Counterparties> {
    const holdings = Object.fromEntries(symbols.map((symbol) => [symbol, '100000']));
    const seller = await newTrader(url, { USD: '10000000', ...holdings }, 'sell');
    const buyer = await newTrader(url, { USD: '10000000', ...holdings }, 'buy');
    return new Counterparties(seller, buyer);
  }

  /**
   * One trade at `price` between the two; the book must hold nothing that crosses `price`. Set-up, not
   * an assertion: it runs in hooks and in concurrent tests alike, so it throws when the trade does not print.
   */
  async trade(symbol: string, price: string, qty = '1'): Promise<void> {
    const resting = await this.seller.api.placeOrder({ symbol, side: 'sell', type: 'limit', qty, price });
    if (resting.status !== 'open') throw new Error(`The ask for a trade of ${qty} ${symbol} at ${price} did not rest: ${JSON.stringify(resting)}`);
    const taker = await this.buyer.api.placeOrder({ symbol, side: 'buy', type: 'limit', qty, price, tif: 'ioc' });
    if (taker.status !== 'filled' || taker.avgFillPrice !== price) throw new Error(`The bid for a trade of ${qty} ${symbol} at ${price} did not fill there: ${JSON.stringify(taker)}`);
  }

  /** A resting bid (buyer) or ask (seller). */
  quote(symbol: string, side: 'buy' | 'sell', price: string, qty = '1'): Promise<OrderView> {
    const trader = side === 'buy' ? this.buyer : this.seller;
    return trader.api.placeOrder({ symbol, side, type: 'limit', qty, price });
  }
}

/** Polls an order until `done` holds, for changes the clock makes (GTD expiry). */
export async function waitForOrder(read: () => Promise<OrderView>, done: (order: OrderView) => boolean, timeoutMs = 5_000): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await read();
    if (done(order)) return order;
    if (Date.now() > deadline) throw new Error(`order ${order.id} still ${order.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
