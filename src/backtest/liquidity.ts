// The market's side of a backtest: two accounts that quote, print and sweep in the engine so the strategy's orders fill as history says.
//
// The strategy trades in a real engine (the same risk holds, matching, clearing and order types as
// the exchange). History cannot trade with it directly, so a fill model turns each market record
// into commands from two deep-pocketed accounts: the maker quotes, the taker prints and sweeps.
// Neither is the strategy's, so self-trade prevention never touches the strategy's orders.
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import type { OrderRequest, Side } from '../core/orders.ts';

export const STRATEGY_ACCOUNT = 1;
export const MAKER_ACCOUNT = 2;
export const TAKER_ACCOUNT = 3;

/** Applies a command (which carries the backtest clock's time) and routes its events. */
export type Execute = (command: Command) => readonly EngineEvent[];

export class Liquidity {
  /** Symbols where the maker has quotes resting. */
  private readonly quoted = new Set<string>();

  constructor(
    private readonly execute: Execute,
    /** The deepest quote the maker shows, in lots (the instrument's maximum order size). */
    private readonly depth: (symbol: string) => number,
    /** The backtest clock: commands are made with their time, not copied to set it. */
    private readonly now: () => number,
    /** Called before each order the market's accounts place: the venue moves the engine's price band to history's price first. */
    private readonly beforePlace: (symbol: string) => void = () => undefined,
  ) {}

  /** Rests maker quotes: a bid, an ask, or both, `qty` lots each (default as deep as allowed). A missing or non-positive price leaves that side out. */
  quote(symbol: string, bid: number | undefined, ask: number | undefined, qty = this.depth(symbol)): void {
    if (bid !== undefined && bid > 0) this.place({ accountId: MAKER_ACCOUNT, symbol, side: 'buy', type: 'limit', qty, price: bid, tif: 'gtc' });
    if (ask !== undefined && ask > 0) this.place({ accountId: MAKER_ACCOUNT, symbol, side: 'sell', type: 'limit', qty, price: ask, tif: 'gtc' });
    this.quoted.add(symbol);
  }

  /** Takes the maker's quotes down. */
  clear(symbol: string): void {
    if (!this.quoted.delete(symbol)) return;
    this.execute({ type: 'cancelAll', accountId: MAKER_ACCOUNT, symbol, ts: this.now() });
  }

  /**
   * A one-lot trade at `price` between maker and taker: it moves the engine's last price, which
   * triggers stops and re-centres the price band. The caller picks a price no strategy order
   * reaches, so the print fills only the maker.
   */
  print(symbol: string, price: number, aggressor: Side): void {
    const resting: Side = aggressor === 'buy' ? 'sell' : 'buy';
    this.place({ accountId: MAKER_ACCOUNT, symbol, side: resting, type: 'limit', qty: 1, price, tif: 'gtc' });
    this.place({ accountId: TAKER_ACCOUNT, symbol, side: aggressor, type: 'limit', qty: 1, price, tif: 'ioc' });
    // The resting lot stays only if something else filled the taker first; `clear` takes it down.
    this.quoted.add(symbol);
  }

  /** An immediate-or-cancel order from the taker: fills resting strategy orders at their own prices, up to `qty` lots. */
  sweep(symbol: string, aggressor: Side, limit: number, qty: number): void {
    if (qty <= 0 || limit <= 0) return;
    this.place({ accountId: TAKER_ACCOUNT, symbol, side: aggressor, type: 'limit', qty, price: limit, tif: 'ioc' });
  }

  private place(order: OrderRequest): void {
    this.beforePlace(order.symbol);
    this.execute({ type: 'placeOrder', order, ts: this.now() });
  }
}
