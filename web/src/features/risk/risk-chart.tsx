// A small time chart for risk history on lightweight-charts: the dashboard's dark theme, local-time axis labels, sized by its container.
import { ColorType, createChart, type IChartApi } from 'lightweight-charts';
import { useEffect, useRef, type ReactNode } from 'react';
import { crosshairLabel, tickLabel } from '../market/chart-data.ts';

const FIT_FROM_POINTS = 12;
const FEW_POINTS_SPACING = 36;

/** Builds the series on a fresh chart and fills them; called again whenever `data` changes. */
export interface RiskChartProps<T> {
  readonly label: string;
  readonly data: T;
  /** For bars: how many `data` holds, so a few keep a readable width instead of filling the chart. Lines always fit. */
  readonly points?: number;
  readonly setup: (chart: IChartApi) => (data: T) => void;
  /** Shown over the chart (e.g. "no samples yet"). */
  readonly overlay?: ReactNode;
  readonly testId?: string;
}

export function RiskChart<T>({ label, data, points, setup, overlay, testId }: RiskChartProps<T>) {
  const host = useRef<HTMLDivElement>(null);
  const fill = useRef<((data: T) => void) | undefined>(undefined);
  const chart = useRef<IChartApi | undefined>(undefined);
  const setupRef = useRef(setup);
  setupRef.current = setup;

  useEffect(() => {
    if (!host.current) return;
    const created = createChart(host.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#12161c' }, textColor: '#8b94a3', fontSize: 11, fontFamily: 'Inter, system-ui, sans-serif', attributionLogo: true },
      grid: { vertLines: { color: 'rgba(38, 44, 54, 0.55)' }, horzLines: { color: 'rgba(38, 44, 54, 0.55)' } },
      rightPriceScale: { borderColor: '#262c36' },
      leftPriceScale: { borderColor: '#262c36' },
      timeScale: { borderColor: '#262c36', timeVisible: true, secondsVisible: false, tickMarkFormatter: (time: unknown, type: number, locale: string) => tickLabel(time as number, type, locale) },
      localization: { timeFormatter: (time: unknown) => crosshairLabel(time as number) },
    });
    chart.current = created;
    fill.current = setupRef.current(created);
    return () => {
      created.remove();
      chart.current = undefined;
      fill.current = undefined;
    };
  }, []);

  useEffect(() => {
    fill.current?.(data);
    const time = chart.current?.timeScale();
    if (!time) return;
    if (points === undefined || points >= FIT_FROM_POINTS) time.fitContent();
    else {
      time.applyOptions({ barSpacing: FEW_POINTS_SPACING, rightOffset: 2 });
      time.scrollToRealTime();
    }
  }, [data, points]);

  return (
    <div className="relative h-56 min-w-0 sm:h-64" role="img" aria-label={label}>
      <div ref={host} data-testid={testId} className="absolute inset-0" />
      {overlay && <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center p-4 text-center text-sm text-muted">{overlay}</div>}
    </div>
  );
}
