// Risk history: the equity and drawdown curve from samples, and the daily rows as a P&L histogram with the worst drawdown of each day, plus a table.
import { BaselineSeries, HistogramSeries, LineSeries, type AutoscaleInfo, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { usePolling } from '../../hooks/use-polling.ts';
import { MAX_PAGE_SIZE } from '../../hooks/use-paged-list.ts';
import { api, type Page, type RiskDay, type RiskHistory, type RiskSample } from '../../lib/api.ts';
import { drawdownAxisLabel, formatDecimal, trendClass } from '../../lib/format.ts';
import { DOWN_COLOR } from '../market/chart-data.ts';
import { dailyDrawdownPoints, dailyPnlBars, drawdownAxisRange, drawdownPoints, equityPoints, type Point } from './risk-chart-data.ts';
import { RiskChart } from './risk-chart.tsx';

/** The curve covers this much time back; samples come once a sample period (a minute by default). */
const CURVE_MS = 7 * 86_400_000;
const MAX_SAMPLE_PAGES = 12;
/** A new sample or daily row appears at most once a sample period. */
const HISTORY_POLL_MS = 30_000;
const ACCENT = '#3b82f6';
const NO_SAMPLES: readonly RiskSample[] = [];
const NO_DAYS: readonly RiskDay[] = [];

async function curve(signal: AbortSignal): Promise<RiskSample[]> {
  const samples: RiskSample[] = [];
  let cursor: string | null = null;
  const from = Date.now() - CURVE_MS;
  for (let page = 0; page < MAX_SAMPLE_PAGES; page++) {
    const answer: Page<RiskSample> = await api.get<Page<RiskSample>>('/api/v1/risk/history/samples', { from, limit: MAX_PAGE_SIZE, cursor: cursor ?? undefined }, signal);
    samples.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === null) break;
  }
  return samples;
}

const at = (points: readonly Point[]) => points.map((p) => ({ ...p, time: p.time as UTCTimestamp }));

/** Keeps a drawdown axis at and below 0%, deeper lower. */
const belowZero = (original: () => AutoscaleInfo | null): AutoscaleInfo => ({ priceRange: drawdownAxisRange(original()?.priceRange?.minValue) });

function setupCurve(chart: IChartApi) {
  chart.applyOptions({ leftPriceScale: { visible: true } });
  const equity = chart.addSeries(LineSeries, { color: ACCENT, lineWidth: 2, priceScaleId: 'right', title: 'equity' });
  // Filled between zero and the curve: the deeper the fall, the larger the red area.
  const drawdown = chart.addSeries(BaselineSeries, {
    priceScaleId: 'left',
    baseValue: { type: 'price', price: 0 },
    topLineColor: DOWN_COLOR,
    topFillColor1: 'rgba(234, 57, 67, 0)',
    topFillColor2: 'rgba(234, 57, 67, 0)',
    bottomLineColor: DOWN_COLOR,
    bottomFillColor1: 'rgba(234, 57, 67, 0.1)',
    bottomFillColor2: 'rgba(234, 57, 67, 0.4)',
    lineWidth: 1,
    priceFormat: { type: 'custom', formatter: drawdownAxisLabel },
    autoscaleInfoProvider: belowZero,
    title: 'drawdown',
  });
  return (samples: readonly RiskSample[]) => {
    equity.setData(at(equityPoints(samples)));
    drawdown.setData(at(drawdownPoints(samples)));
  };
}

function setupDaily(chart: IChartApi) {
  chart.applyOptions({ leftPriceScale: { visible: true }, timeScale: { timeVisible: false } });
  const pnl = chart.addSeries(HistogramSeries, { priceScaleId: 'right', title: 'P&L' });
  const drawdown = chart.addSeries(LineSeries, { priceScaleId: 'left', color: DOWN_COLOR, lineWidth: 1, priceFormat: { type: 'custom', formatter: drawdownAxisLabel }, autoscaleInfoProvider: belowZero, title: 'max drawdown' });
  return (days: readonly RiskDay[]) => {
    pnl.setData(dailyPnlBars(days).map((b) => ({ ...b, time: b.time as UTCTimestamp })));
    drawdown.setData(at(dailyDrawdownPoints(days)));
  };
}

export function RiskHistoryPanel() {
  const samples = useApi(curve, []);
  const history = useApi((signal) => api.get<RiskHistory>('/api/v1/risk/history', undefined, signal), []);
  usePolling(() => Promise.all([samples.refetch(), history.refetch()]), HISTORY_POLL_MS);
  const currency = history.data?.currency ?? '';
  const days = history.data?.days;
  // Newest day first in the table; the chart reads them oldest first.
  const rows = days ? [...days].reverse() : undefined;
  const money = (value: string) => formatDecimal(value, { places: 2 });
  const columns: readonly Column<RiskDay>[] = [
    { key: 'date', header: 'Day (UTC)', cell: (d) => <span className="num">{d.date}</span> },
    { key: 'start', header: 'Start equity', numeric: true, hideOnMobile: true, cell: (d) => money(d.startEquity) },
    { key: 'end', header: 'End equity', numeric: true, cell: (d) => money(d.endEquity) },
    { key: 'pnl', header: 'P&L', numeric: true, cell: (d) => <span className={trendClass(d.pnl)}>{formatDecimal(d.pnl, { places: 2, signed: true })}</span> },
    { key: 'flows', header: 'Net flows', numeric: true, hideOnMobile: true, cell: (d) => money(d.netFlows) },
    { key: 'gross', header: 'Max gross exp.', numeric: true, hideOnMobile: true, cell: (d) => money(d.maxGrossExposure) },
    { key: 'dd', header: 'Max drawdown', numeric: true, cell: (d) => `${formatDecimal(d.maxDrawdownPct, { places: 2 })}%` },
    { key: 'hwm', header: 'High-water mark', numeric: true, hideOnMobile: true, cell: (d) => money(d.highWaterMark) },
  ];
  return (
    <>
      <Panel title="Equity and drawdown (7 days)">
        <ErrorBanner error={samples.error} onRetry={() => void samples.refetch()} />
        <RiskChart
          label="Equity and drawdown over the last 7 days"
          testId="drawdown-chart"
          data={samples.data ?? NO_SAMPLES}
          setup={setupCurve}
          overlay={samples.data && samples.data.length === 0 ? 'No samples yet: equity is sampled once a minute while it changes.' : undefined}
        />
        <p className="mt-2 text-xs text-muted">Blue: equity ({currency || 'risk currency'}), right scale. Red: fall from the high-water mark, left scale.</p>
      </Panel>
      <Panel title={`Daily risk history${currency ? ` (${currency})` : ''}`} flush>
        <div className="p-3">
          <ErrorBanner error={history.error} onRetry={() => void history.refetch()} />
          <RiskChart label="Daily P&L and worst drawdown" testId="daily-chart" data={days ?? NO_DAYS} points={days?.length ?? 0} setup={setupDaily} overlay={days && days.length === 0 ? 'No daily rows yet.' : undefined} />
        </div>
        <DataTable label="Daily risk history" columns={columns} rows={rows} rowKey={(d) => d.day} loading={history.loading} empty="No days yet." />
      </Panel>
    </>
  );
}
