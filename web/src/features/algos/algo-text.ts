// An algo order in words for the list: what it does ("10 slices over 30 min, limit at the touch") and how far it got.
import type { AlgoOrder, AlgoSpec, AlgoState } from '../../lib/api.ts';
import { formatDuration, formatPrice, formatQty } from '../../lib/format.ts';

/** States in which the algorithm still works, so it can be cancelled and its progress moves. */
export const WORKING_STATES: ReadonlySet<AlgoState> = new Set(['new', 'running']);

export function isWorking(order: AlgoOrder): boolean {
  return WORKING_STATES.has(order.state);
}

/** The algorithm's parameters in a short phrase, prices at the tick and quantities at the lot. */
export function algoPlan(spec: AlgoSpec, tickSize: string | undefined, lotSize: string | undefined): string {
  const cap = 'limitPrice' in spec && spec.limitPrice !== undefined ? `, ${spec.side === 'buy' ? 'at most' : 'at least'} ${formatPrice(spec.limitPrice, tickSize)}` : '';
  switch (spec.type) {
    case 'twap':
    case 'vwap': {
      const slices = `${spec.slices.toLocaleString('en-US')} ${spec.slices === 1 ? 'slice' : 'slices'} over ${formatDuration(spec.durationMs)}`;
      const style = spec.style === 'limit' ? ', limit at the touch' : ', market';
      const jitter = spec.randomize?.timing ? `, times ±${Math.round(spec.randomize.timing * 100)}%` : '';
      return `${slices}${style}${cap}${jitter}`;
    }
    case 'peg':
      return `${spec.improveTicks ? `${spec.improveTicks} ${spec.improveTicks === 1 ? 'tick' : 'ticks'} better than` : 'at'} the best ${spec.side === 'buy' ? 'bid' : 'ask'}${cap}`;
    case 'iceberg':
      return `shows ${formatQty(spec.displayQty, lotSize)} at a time at ${formatPrice(spec.limitPrice, tickSize)}`;
    case 'stop':
      return `triggers at ${formatPrice(spec.stopPrice, tickSize)}${spec.limitPrice === undefined ? ', then market' : `, then limit ${formatPrice(spec.limitPrice, tickSize)}`}`;
    case 'trailing_stop':
      return spec.trailPercent !== undefined ? `trails by ${spec.trailPercent}%` : `trails by ${formatPrice(spec.trailAmount ?? null, tickSize)}`;
  }
}

/** How much of the quantity has filled, in percent (0 to 100), for the progress bar. */
export function filledPercent(order: AlgoOrder): number {
  const filled = Number(order.filledQty);
  const total = filled + Number(order.remainingQty);
  return total > 0 ? Math.min(100, (filled / total) * 100) : 0;
}
