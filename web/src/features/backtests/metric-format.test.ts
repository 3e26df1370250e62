import { describe, expect, it } from 'vitest';
import { mergeRuns, type BacktestMetrics, type BacktestRun, type OptimizationRun, type RunProgress } from './backtest-types.ts';
import { fixedFigure as fixed, formatDateTime } from '../../lib/format.ts';
import { countsText, dataGapsText, dataGapText, etaText, formatDrawdown, formatFigure, formatFraction, metricRows, progressCount, skippedRowsText, stageText, toneOf, tradeCountText } from './metric-format.ts';

const metrics: BacktestMetrics = {
  startEquity: 10_000,
  endEquity: 10_512.346,
  totalReturn: 0.0512345,
  cagr: 0.2,
  volatility: 0.15,
  sharpe: 1.234,
  sortino: null,
  calmar: -0.5,
  maxDrawdown: 0.0345,
  maxDrawdownDurationMs: 3 * 86_400_000,
  trades: 1234,
  winRate: 0.55,
  profitFactor: 1.5,
  exposure: 0.4,
  turnover: 12.3,
  fills: 2468,
  fees: 12.5,
};

describe('figures', () => {
  it('never shows a negative zero, groups thousands and dashes what is missing', () => {
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(fixed(-0.005, 1)).toBe('0.0');
    expect(fixed(-1.5, 1)).toBe('-1.5');
    expect(formatFigure(1234567.891)).toBe('1,234,567.89');
    expect(formatFigure(2, 2, true)).toBe('+2.00');
    expect(formatFigure(null)).toBe('—');
    expect(formatFigure(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('shows fractions as percents, signed where a direction matters', () => {
    expect(formatFraction(0.051234)).toBe('5.12%');
    expect(formatFraction(0.051234, true)).toBe('+5.12%');
    expect(formatFraction(-0.5, true)).toBe('-50.00%');
    expect(formatFraction(0.5, false, 0)).toBe('50%');
    expect(formatFraction(undefined)).toBe('—');
  });

  it('colours by sign', () => {
    expect(toneOf(0.1)).toBe('text-up');
    expect(toneOf(-0.1)).toBe('text-down');
    expect(toneOf(0)).toBe('text-muted');
    expect(toneOf(null)).toBe('text-muted');
  });
});

describe('metricRows', () => {
  it('lists every metric the screen promises, formatted', () => {
    const rows = Object.fromEntries(metricRows(metrics, 'USD').map((r) => [r.key, r.value]));
    expect(rows).toEqual({
      totalReturn: '+5.12%',
      cagr: '+20.00%',
      volatility: '15.00%',
      sharpe: '1.23',
      sortino: '—',
      calmar: '-0.50',
      maxDrawdown: '3.45%',
      maxDrawdownDurationMs: '3 d',
      winRate: '55.00%',
      profitFactor: '1.50',
      exposure: '40.00%',
      turnover: '12.30×',
      trades: '1,234',
      fills: '2,468',
      fees: '12.50 USD',
    });
    expect(metricRows(metrics, 'USD')[0]!.hint).toBe('10,000.00 USD to 10,512.35 USD');
  });

  it('shows a drawdown as a positive percentage in the run lists as in the detail', () => {
    expect(formatDrawdown(0.0011)).toBe('0.11%');
    expect(formatDrawdown(0.0011)).toBe(metricRows({ ...metrics, maxDrawdown: 0.0011 }, 'USD').find((r) => r.key === 'maxDrawdown')!.value);
    expect(formatDrawdown(0)).toBe('0.00%');
    expect(formatDrawdown(undefined)).toBe('—');
  });

  it('counts trades as the trade list does, saying when one is still open', () => {
    expect(metricRows(metrics, 'USD', 1_235).find((r) => r.key === 'trades')?.value).toBe('1,234 closed + 1 open');
    expect(tradeCountText(967, 968)).toBe('967 closed + 1 open');
    expect(tradeCountText(967, 967)).toBe('967');
    expect(tradeCountText(0, 1)).toBe('0 closed + 1 open');
  });
});

describe('progress text', () => {
  const progress: RunProgress = { fraction: 0.6, done: 120_000, total: 200_000, unit: 'records', stage: 'running', elapsedMs: 3_000, etaMs: 2_000 };

  it('counts what is done, says what the run is doing and when it should end', () => {
    expect(progressCount(progress)).toBe('120,000 / 200,000 records');
    expect(stageText('running', progress)).toBe('Replaying');
    expect(stageText('running', { ...progress, stage: 'loading' })).toBe('Reading the stored history');
    expect(stageText('running', { ...progress, unit: 'trials' })).toBe('Running trials');
    expect(stageText('queued', progress)).toBe('Waiting for a free worker');
    expect(etaText('running', progress)).toBe('ETA 2.0 s');
    expect(etaText('running', { ...progress, etaMs: null })).toBe('ETA soon');
    expect(etaText('running', { ...progress, etaMs: null, stage: 'loading' })).toBe('ETA after loading');
    expect(etaText('done', progress)).toBe('');
  });
});

describe('mergeRuns', () => {
  it('puts backtests and optimizations together, newest first', () => {
    const run = (kind: 'backtest' | 'optimization', id: number, createdAt: number) => ({ kind, id, createdAt }) as BacktestRun & OptimizationRun;
    const merged = mergeRuns([run('backtest', 1, 10), run('backtest', 4, 40)], [run('optimization', 2, 20), run('optimization', 3, 40)]);
    expect(merged.map((r) => r.id)).toEqual([4, 3, 2, 1]);
  });
});

describe('countsText', () => {
  it('lists reason counts, most frequent first, or says none', () => {
    expect(countsText({ NO_LIQUIDITY: 1, INSUFFICIENT_FUNDS: 3 })).toBe('INSUFFICIENT_FUNDS 3, NO_LIQUIDITY 1');
    expect(countsText({})).toBe('none');
  });
});

describe('skippedRowsText', () => {
  it('says how many stored rows were skipped off the grid, and nothing when none were', () => {
    expect(skippedRowsText(0, 'S01')).toBeUndefined();
    expect(skippedRowsText(1, 'S01')).toBe("1 stored row was skipped: off S01's tick or lot grid.");
    expect(skippedRowsText(12345, 'BTC-USD')).toBe("12,345 stored rows were skipped: off BTC-USD's tick or lot grid.");
  });
});

describe('dataGapsText', () => {
  const gap = { symbol: 'AAPL', from: Date.UTC(2019, 0, 1), to: Date.UTC(2023, 0, 2), lengthMs: Date.UTC(2023, 0, 2) - Date.UTC(2019, 0, 1) };

  it('says what the gaps do to the figures, how many there are and which are listed, and nothing when there are none', () => {
    expect(dataGapsText({ total: 0, items: [] })).toBeUndefined();
    expect(dataGapsText({ total: 1, items: [gap] })).toBe('A gap in the data, replayed as trading time without prices: the equity curve holds still across it, and CAGR, volatility and exposure count it as time in the market.');
    expect(dataGapsText({ total: 1234, items: Array.from({ length: 10 }, () => gap) })).toMatch(/^1,234 gaps in the data \(the largest 10 listed\), replayed as trading time without prices: .* count them as time in the market\.$/);
  });

  it('words one gap with its symbol, its ends and its length in the style of every duration', () => {
    expect(dataGapText(gap)).toBe(`AAPL ${formatDateTime(gap.from)} to ${formatDateTime(gap.to)} (1462 d)`);
  });
});
