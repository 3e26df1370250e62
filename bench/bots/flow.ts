// What the bots' orders did: trades and market orders that found nothing to trade with, counted from the engine's events.
import type { EngineEvent } from '../../src/core/events.ts';

/**
 * Orders/s alone says little: a market order into an empty book is accepted and cancelled at once,
 * far cheaper than one that trades. These counts show what the measured orders were.
 */
export class FlowCount {
  trades = 0;
  noLiquidity = 0;

  observe(events: readonly EngineEvent[]): void {
    for (const event of events) {
      if (event.type === 'Fill' && event.liquidity === 'taker') this.trades++;
      else if (event.type === 'OrderCancelled' && event.reason === 'NO_LIQUIDITY') this.noLiquidity++;
    }
  }

  /** A copy of the counts now, to take a window's difference. */
  snapshot(): { readonly trades: number; readonly noLiquidity: number } {
    return { trades: this.trades, noLiquidity: this.noLiquidity };
  }
}

/** Per placement over a window: trades, and the share cancelled for want of liquidity. */
export function flowPerOrder(before: ReturnType<FlowCount['snapshot']>, after: ReturnType<FlowCount['snapshot']>, orders: number): { readonly tradesPerOrder: number; readonly noLiquidityShare: number } {
  const n = Math.max(1, orders);
  return { tradesPerOrder: (after.trades - before.trades) / n, noLiquidityShare: (after.noLiquidity - before.noLiquidity) / n };
}
