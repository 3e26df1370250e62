// The benchmark's bots: fast random walkers and noise takers spread over many symbols, funded on both sides.
import type { BotSpec } from '../../src/bots/pool/types.ts';

/** Every bot gets this much cash and this many shares of its symbol, so it can buy and sell from the start. */
export const CASH = '1000000';
export const SHARES = '1000';

/**
 * Bot i trades symbols[i % n]: seven in ten are random walkers (a limit or market order every
 * `intervalMs`), the rest noise takers (market orders at Poisson times). The intervals are far
 * shorter than an order's round trip under load, so the venue, not the timers, sets the pace.
 */
export function fleet(count: number, symbols: readonly string[], intervalMs = 20): BotSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const symbol = symbols[i % symbols.length]!;
    if (i % 10 < 7) {
      return { id: `walk-${i}`, strategy: 'random-walk', symbols: [symbol], seed: i, params: { intervalMs, referencePrice: 100, maxQty: 5, maxOffsetBps: 40, maxOpenOrders: 5, maxPosition: 5_000 } };
    }
    return { id: `noise-${i}`, strategy: 'noise', symbols: [symbol], seed: i, params: { tickMs: 10, meanIntervalMs: intervalMs, maxQty: 3, maxPosition: 5_000 } };
  });
}
