// The trade tape: public trades built from engine fills, and a bounded ring of recent trades per symbol.
import type { Fill } from '../core/events.ts';
import type { Side } from '../core/orders.ts';
import { Ring } from './ring.ts';

/** A public trade: price in ticks, qty in lots, time in epoch ms. */
export interface Trade {
  readonly symbol: string;
  readonly tradeId: number;
  readonly price: number;
  readonly qty: number;
  readonly ts: number;
  /** The side of the incoming order that took liquidity. */
  readonly takerSide: Side;
}

/**
 * The public trade for an engine fill. Each trade emits two fills (maker and taker) with one tradeId;
 * only the taker fill yields a trade, so feeding every fill gives each trade once.
 */
export function tradeFromFill(fill: Fill): Trade | undefined {
  if (fill.liquidity !== 'taker') return undefined;
  return Object.freeze({ symbol: fill.symbol, tradeId: fill.tradeId, price: fill.price, qty: fill.qty, ts: fill.ts, takerSide: fill.side });
}

export interface TradeTapeOptions {
  /** Trades kept per symbol; 1000 by default. */
  readonly capacity?: number;
}

/** Keeps the newest `capacity` trades per symbol; older ones are dropped as new ones arrive. */
export class TradeTape {
  readonly capacity: number;
  private readonly tapes = new Map<string, Ring<Trade>>();

  constructor(options: TradeTapeOptions = {}) {
    this.capacity = options.capacity ?? 1000;
    if (!Number.isSafeInteger(this.capacity) || this.capacity < 1) throw new RangeError(`tape capacity must be a positive integer, got ${this.capacity}`);
  }

  record(trade: Trade): void {
    let tape = this.tapes.get(trade.symbol);
    if (!tape) {
      tape = new Ring(this.capacity);
      this.tapes.set(trade.symbol, tape);
    }
    tape.push(trade);
  }

  /** The newest `limit` trades (all kept by default), oldest first. */
  recent(symbol: string, limit = this.capacity): Trade[] {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
    const tape = this.tapes.get(symbol);
    if (!tape) return [];
    const out: Trade[] = [];
    for (let i = Math.max(0, tape.length - limit); i < tape.length; i++) out.push(tape.at(i) as Trade);
    return out;
  }

  size(symbol: string): number {
    return this.tapes.get(symbol)?.length ?? 0;
  }
}
