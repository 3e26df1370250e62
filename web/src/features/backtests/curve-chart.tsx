// A line over a baseline: the equity curve (green above the starting equity, red below) or the drawdown (a red area below zero).
import { BaselineSeries, type AutoscaleInfo, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { DOWN_COLOR, UP_COLOR } from '../market/chart-data.ts';
import { drawdownAxisRange } from '../risk/risk-chart-data.ts';
import type { LinePoint } from './chart-series.ts';
import { removeSeries, useChart } from './use-chart.ts';

export interface CurveChartProps {
  readonly points: readonly LinePoint[];
  /** The line is green above it and red below it. */
  readonly baseline: number;
  /** How the price scale and crosshair show a value. */
  readonly format: (value: number) => string;
  /** A drawdown: the axis runs from the deepest point up to the baseline and never above it. */
  readonly belowOnly?: boolean;
  /** For tests and screen readers. */
  readonly testId: string;
  readonly label: string;
  readonly className?: string;
}

export function CurveChart({ points, baseline, format, belowOnly = false, testId, label, className }: CurveChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useChart(host);
  const formatRef = useRef(format);
  formatRef.current = format;

  useEffect(() => {
    if (!chart) return;
    const series = chart.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: baseline },
      topLineColor: UP_COLOR,
      topFillColor1: 'rgba(22, 199, 132, 0.28)',
      topFillColor2: 'rgba(22, 199, 132, 0.04)',
      bottomLineColor: DOWN_COLOR,
      bottomFillColor1: 'rgba(234, 57, 67, 0.04)',
      bottomFillColor2: 'rgba(234, 57, 67, 0.32)',
      lineWidth: 2,
      priceLineVisible: false,
      priceFormat: { type: 'custom', formatter: (value: number) => formatRef.current(value), minMove: 0.01 },
      ...(belowOnly ? { autoscaleInfoProvider: (original: () => AutoscaleInfo | null): AutoscaleInfo => ({ priceRange: drawdownAxisRange(original()?.priceRange?.minValue) }) } : {}),
    });
    series.setData(points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    chart.timeScale().fitContent();
    return () => removeSeries(chart, series);
  }, [chart, points, baseline, belowOnly]);

  return (
    <div role="img" aria-label={label} className={className ?? 'relative h-56'}>
      <div ref={host} data-testid={testId} className="absolute inset-0" />
    </div>
  );
}
