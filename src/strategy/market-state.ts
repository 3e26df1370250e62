// What the runner knows about the market: bars, last quotes and last prices, updated from feed events in order.
import { BarStore } from './bar-store.ts';
import type { AccountLedger } from './ledger.ts';
import type { PortBar, PortFill, PortQuote, PortTrade } from './ports.ts';
import type { Bar, QuoteEvent } from './types.ts';
import { barView, quoteView } from './views.ts';

export class MarketState {
  readonly bars: BarStore;
  private readonly quotes = new Map<string, QuoteEvent>();
  /** Kept as sent and parsed when read: every trade marks, few handlers read. */
  private readonly lastPrices = new Map<string, string>();
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
    this.mark(trade.symbol, trade.price);
  }

  quote(quote: PortQuote): QuoteEvent {
    const view = quoteView(quote);
    this.quotes.set(view.symbol, view);
    return view;
  }

  /**
   * Records a closed bar (preloaded or live); undefined when it repeats one already kept. A bar sets
   * the last price only on a bars-only feed: a trade is always at least as recent as the last close.
   */
  bar(bar: PortBar): Bar | undefined {
    const view = barView(bar);
    if (!this.bars.add(view)) return undefined;
    if (!this.traded.has(bar.symbol)) this.mark(bar.symbol, bar.close);
    return view;
  }

  /** An own fill is a trade price too (the ledger has already applied it). */
  filled(fill: PortFill): void {
    this.lastPrices.set(fill.symbol, fill.price);
  }

  lastPrice(symbol: string): number | undefined {
    const text = this.lastPrices.get(symbol);
    return text === undefined ? undefined : Number(text);
  }

  lastQuote(symbol: string): QuoteEvent | undefined {
    return this.quotes.get(symbol);
  }

  private mark(symbol: string, price: string): void {
    this.lastPrices.set(symbol, price);
    this.ledger.mark(symbol, price);
  }
}
