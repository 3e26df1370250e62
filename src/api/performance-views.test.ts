// The leaderboard's figures as the API shows them: a return that rounds to zero has no sign, drawdown is a positive percentage.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { listingCommands } from '../platform/markets-config.ts';
import type { PerformanceStats } from '../platform/portfolio/performance.ts';
import { performanceView } from './performance-views.ts';
import { Formatter } from './views.ts';

function formatter(): Formatter {
  const engine = new Engine();
  for (const command of listingCommands({ assets: [{ code: 'USD', scale: 2 }], instruments: [] }, engine, 0).commands) engine.apply(command);
  return new Formatter(engine);
}

const stats = (over: Partial<PerformanceStats>): PerformanceStats => ({ accountId: 1, netDeposits: 1_000_00, equity: 1_000_00, returnPct: 0, highWaterMark: 1_000_00, maxDrawdownPct: 0, drawdownPct: 0, sharpe: null, trades: 0, ...over });

describe('performanceView', () => {
  it('shows a return and a Sharpe that round to zero as 0.00, never -0.00', () => {
    const view = performanceView(formatter(), stats({ equity: 999_99, returnPct: -0.00001, sharpe: -0.001 }));
    expect(view).toMatchObject({ equity: '999.99', returnPercent: '0.00', sharpe: '0.00' });
    expect(performanceView(formatter(), stats({ returnPct: -0.0123, sharpe: -1.234 }))).toMatchObject({ returnPercent: '-1.23', sharpe: '-1.23' });
  });

  it('shows the worst drawdown as a positive percentage of the high-water mark', () => {
    expect(performanceView(formatter(), stats({ maxDrawdownPct: 0.125 })).maxDrawdownPercent).toBe('12.50');
    expect(performanceView(formatter(), stats({ maxDrawdownPct: 0 })).maxDrawdownPercent).toBe('0.00');
  });
});
