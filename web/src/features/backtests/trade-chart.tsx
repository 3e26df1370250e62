// The price of the run's symbol as candles or a line, with the strategy's fills marked: buys as arrows below the bar, sells above.
import { CandlestickSeries, createSeriesMarkers, LineSeries, type ISeriesApi, type SeriesMarker, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { cx } from '../../components/cx.ts';
import { decimalPlaces } from '../../lib/decimal.ts';
import { DOWN_COLOR, UP_COLOR } from '../market/chart-data.ts';
import type { FillMarks, PriceBar } from './backtest-types.ts';
import { candlePoints, closeLine, fillMarkers, intervalLabel, thinnedMarksText } from './chart-series.ts';
import { formatFigure } from './metric-format.ts';
import { removeSeries, useChart } from './use-chart.ts';

type Style = 'candles' | 'line';

export interface TradeChartProps {
  readonly bars: readonly PriceBar[];
  readonly intervalMs: number;
  /** The fills to mark: all of them, or every Nth over the whole run. */
  readonly marks: FillMarks;
  readonly tickSize: string | undefined;
  readonly symbol: string;
}

export function TradeChart({ bars, intervalMs, marks, tickSize, symbol }: TradeChartProps) {
  const [style, setStyle] = useState<Style>('candles');
  const host = useRef<HTMLDivElement>(null);
  const chart = useChart(host, intervalMs > 0 && intervalMs < 60_000);
  const markers = useMemo(() => fillMarkers(marks.items, bars), [marks, bars]);
  const thinned = thinnedMarksText(marks);
  const places = tickSize === undefined ? 2 : decimalPlaces(tickSize);

  useEffect(() => {
    if (!chart) return;
    const priceFormat = { type: 'price' as const, precision: places, minMove: 1 / 10 ** places };
    let series: ISeriesApi<'Candlestick'> | ISeriesApi<'Line'>;
    if (style === 'candles') {
      const candles = chart.addSeries(CandlestickSeries, { upColor: UP_COLOR, downColor: DOWN_COLOR, wickUpColor: UP_COLOR, wickDownColor: DOWN_COLOR, borderVisible: false, priceFormat, priceLineVisible: false });
      candles.setData(candlePoints(bars).map((b) => ({ ...b, time: b.time as UTCTimestamp })));
      series = candles;
    } else {
      const line = chart.addSeries(LineSeries, { color: '#3b82f6', lineWidth: 2, priceFormat, priceLineVisible: false });
      line.setData(closeLine(bars).map((p) => ({ ...p, time: p.time as UTCTimestamp })));
      series = line;
    }
    const plugin = createSeriesMarkers(
      series,
      markers.map((m): SeriesMarker<UTCTimestamp> => ({ time: m.time as UTCTimestamp, position: m.position, shape: m.shape, color: m.color, text: m.text, size: m.size })),
    );
    chart.timeScale().fitContent();
    return () => removeSeries(chart, series, () => plugin.detach());
  }, [chart, bars, markers, style, places]);

  const buys = markers.filter((m) => m.position === 'belowBar').reduce((n, m) => n + m.count, 0);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted">
        <p>
          {symbol}, {intervalLabel(intervalMs)} bars. <span className="text-up">▲ {formatFigure(buys, 0)} buys</span> · <span className="text-down">▼ {formatFigure(marks.items.length - buys, 0)} sells</span>
          {thinned && <> ({thinned})</>}
        </p>
        <div role="group" aria-label="Price chart style" className="flex gap-0.5">
          {(['candles', 'line'] as const).map((choice) => (
            <button key={choice} type="button" aria-pressed={style === choice} onClick={() => setStyle(choice)} className={cx('rounded px-2 py-0.5 text-xs capitalize', style === choice ? 'bg-raised text-fg' : 'text-muted hover:text-fg')}>
              {choice}
            </button>
          ))}
        </div>
      </div>
      <div role="img" aria-label={`${symbol} price with the strategy's fills marked`} className="relative h-72 lg:h-96">
        <div ref={host} data-testid="backtest-price-chart" className="absolute inset-0" />
      </div>
    </div>
  );
}
