// What the runner knows about the market: bars, last quotes and last prices, updated from feed events in order.
import { BarStore } from './bar-store.ts';
import type { AccountLedger } from './ledger.ts';
import type { PortBar, PortQuote, PortTrade } from './ports.ts';
import type { Bar, QuoteEvent } from './types.ts';
import { barView, quoteView } from './views.ts';

export class MarketState {
  readonly bars: BarStore;
  /** The last quote per symbol as sent, and its view once something asked for it: most quotes are never read. */
  private readonly quotes = new Map<string, { port: PortQuote; view: QuoteEvent | undefined }>();
  /** Symbols with a trade seen: from then on bars no longer set the last price. */
  private readonly traded = new Set<string>();

  constructor(
    historySize: number,
    private readonly ledger: AccountLedger,
  ) {
    this.bars = new BarStore(historySize);
  }

  trade(trade: PortTrade): void {
    if (!this.traded.has(trade.symbol)) this.traded.add(trade.symbol);
    this.ledger.mark(trade.symbol, trade.price);
  }

  quote(quote: PortQuote): void {
    const last = this.quotes.get(quote.symbol);
    if (last === undefined) this.quotes.set(quote.symbol, { port: quote, view: undefined });
    else if (last.port !== quote) {
      last.port = quote;
      last.view = undefined;
    }
  }

  /**
   * Records a closed bar (preloaded or live); undefined when it repeats one already kept. A bar sets
   * the last price only on a bars-only feed: a trade is always at least as recent as the last close.
   */
  bar(bar: PortBar, given?: Bar): Bar | undefined {
    const view = given ?? barView(bar);
    if (!this.bars.add(view)) return undefined;
    if (!this.traded.has(bar.symbol)) this.ledger.mark(bar.symbol, bar.close);
    return view;
  }

  /** The ledger's mark (an own fill marks too), kept as sent and parsed once when read: every trade marks, few handlers read. */
  lastPrice(symbol: string): number | undefined {
    return this.ledger.markPrice(symbol);
  }

  lastQuote(symbol: string): QuoteEvent | undefined {
    const last = this.quotes.get(symbol);
    if (last === undefined) return undefined;
    return (last.view ??= quoteView(last.port));
  }
}
