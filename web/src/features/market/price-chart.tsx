// The candlestick chart of one symbol with volume on its own scale, an interval switch and an OHLCV legend; history over REST (older pages as you scroll back), live candles from `candles:SYM:<interval>`.
import { CandlestickSeries, ColorType, createChart, CrosshairMode, HistogramSeries, type IChartApi, type ISeriesApi, type LogicalRange, type UTCTimestamp } from 'lightweight-charts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cx } from '../../components/cx.ts';
import { Spinner } from '../../components/spinner.tsx';
import { useChannel } from '../../hooks/use-channel.ts';
import { api, ApiError, type Candle, type CandleInterval, type Instrument, type Page } from '../../lib/api.ts';
import { CANDLE_INTERVALS } from '../../lib/api-types.ts';
import { decimalPlaces } from '../../lib/decimal.ts';
import { subtractDecimal } from '../../lib/decimal-math.ts';
import { formatCompact, formatPercent, formatPrice } from '../../lib/format.ts';
import { crosshairLabel, DOWN_COLOR, isUp, liveCandleAction, mergeCandles, showsSeconds, tickLabel, toBar, toVolumeBar, UP_COLOR } from './chart-data.ts';

const PAGE_SIZE = 500;
/** Bars in view after a load: enough to read the trend, wide enough to read each candle. */
const BARS_IN_VIEW = 120;
const INTERVAL_KEY = 'bourse.chartInterval';

interface Handles {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly volume: ISeriesApi<'Histogram'>;
}

type Status = 'loading' | 'ready' | 'empty' | 'error';

function storedInterval(): CandleInterval {
  try {
    const value = localStorage.getItem(INTERVAL_KEY);
    return (CANDLE_INTERVALS as readonly string[]).includes(value ?? '') ? (value as CandleInterval) : '1m';
  } catch {
    return '1m';
  }
}

function createHandles(host: HTMLElement): Handles {
  const chart = createChart(host, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: '#12161c' }, textColor: '#8b94a3', fontSize: 11, fontFamily: 'Inter, system-ui, sans-serif', attributionLogo: true },
    grid: { vertLines: { color: 'rgba(38, 44, 54, 0.55)' }, horzLines: { color: 'rgba(38, 44, 54, 0.55)' } },
    rightPriceScale: { borderColor: '#262c36' },
    timeScale: { borderColor: '#262c36', timeVisible: true, secondsVisible: false, rightOffset: 4, tickMarkFormatter: (time: unknown, type: number, locale: string) => tickLabel(time as number, type, locale) },
    crosshair: { mode: CrosshairMode.Normal },
    localization: { timeFormatter: (time: unknown) => crosshairLabel(time as number) },
  });
  const candles = chart.addSeries(CandlestickSeries, { upColor: UP_COLOR, downColor: DOWN_COLOR, wickUpColor: UP_COLOR, wickDownColor: DOWN_COLOR, borderVisible: false });
  candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.26 } });
  const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  return { chart, candles, volume };
}

export function PriceChart({ instrument, className }: { readonly instrument: Instrument; readonly className?: string }) {
  const symbol = instrument.symbol;
  const [interval, setIntervalChoice] = useState<CandleInterval>(storedInterval);
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [hovered, setHovered] = useState<Candle | undefined>(undefined);
  const [latest, setLatest] = useState<Candle | undefined>(undefined);
  const host = useRef<HTMLDivElement>(null);
  const handles = useRef<Handles | undefined>(undefined);
  /** Oldest first; what the chart shows. */
  const history = useRef<Candle[]>([]);
  const nextCursor = useRef<string | null>(null);
  const loadingOlder = useRef(false);
  /** Bumped on every interval or symbol change, so an old answer is dropped. */
  const generation = useRef(0);
  const current = useRef({ symbol, interval });
  current.current = { symbol, interval };

  const draw = useCallback(() => {
    const h = handles.current;
    if (!h) return;
    h.candles.setData(history.current.map((c) => ({ ...toBar(c), time: toBar(c).time as UTCTimestamp })));
    h.volume.setData(history.current.map((c) => ({ ...toVolumeBar(c), time: toVolumeBar(c).time as UTCTimestamp })));
    setLatest(history.current.at(-1));
    setStatus(history.current.length > 0 ? 'ready' : 'empty');
  }, []);

  /** Loads the newest page and merges it in; `fresh` (a new interval) also frames the newest bars. */
  const load = useCallback(
    async (fresh: boolean) => {
      const mine = generation.current;
      const { symbol: sym, interval: iv } = current.current;
      try {
        const page = await api.get<Page<Candle>>(`/api/v1/markets/${encodeURIComponent(sym)}/candles`, { interval: iv, limit: PAGE_SIZE });
        if (mine !== generation.current) return;
        history.current = mergeCandles(history.current, page.items);
        if (fresh) nextCursor.current = page.nextCursor;
        setError(undefined);
        draw();
        const count = history.current.length;
        // A young market's few bars keep their normal width, from the right edge.
        if (fresh && count > 0) handles.current?.chart.timeScale().setVisibleLogicalRange({ from: count - BARS_IN_VIEW, to: count + 3 });
      } catch (caught) {
        if (mine !== generation.current) return;
        setError(caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', String(caught)));
        setStatus('error');
      }
    },
    [draw],
  );

  /** Scrolling back to the oldest bar loads the page before it. */
  const loadOlder = useCallback(async () => {
    const cursor = nextCursor.current;
    if (!cursor || loadingOlder.current) return;
    loadingOlder.current = true;
    const mine = generation.current;
    const { symbol: sym, interval: iv } = current.current;
    try {
      const page = await api.get<Page<Candle>>(`/api/v1/markets/${encodeURIComponent(sym)}/candles`, { interval: iv, limit: PAGE_SIZE, cursor });
      if (mine !== generation.current) return;
      nextCursor.current = page.nextCursor;
      history.current = mergeCandles(page.items, history.current);
      draw();
    } catch {
      // Scrolling back again retries.
    } finally {
      loadingOlder.current = false;
    }
  }, [draw]);

  // One chart per symbol; its container's size drives it (autoSize).
  useEffect(() => {
    if (!host.current) return;
    const h = createHandles(host.current);
    handles.current = h;
    const onCrosshair = (param: { time?: unknown }) => {
      const time = typeof param.time === 'number' ? param.time * 1000 : undefined;
      setHovered(time === undefined ? undefined : history.current.find((c) => c.openTime === time));
    };
    const onRange = (range: LogicalRange | null) => {
      if (range && range.from < 10) void loadOlder();
    };
    h.chart.subscribeCrosshairMove(onCrosshair);
    h.chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    return () => {
      h.chart.remove();
      handles.current = undefined;
    };
  }, [symbol, loadOlder]);

  useEffect(() => {
    handles.current?.candles.applyOptions({ priceFormat: { type: 'price', precision: decimalPlaces(instrument.tickSize), minMove: Number(instrument.tickSize) } });
  }, [symbol, instrument.tickSize]);

  // A new interval (or symbol) starts from an empty history.
  useEffect(() => {
    generation.current++;
    history.current = [];
    nextCursor.current = null;
    setStatus('loading');
    setHovered(undefined);
    handles.current?.chart.applyOptions({ timeScale: { secondsVisible: showsSeconds(interval) } });
    draw();
    setStatus('loading');
    void load(true);
  }, [symbol, interval, load, draw]);

  useChannel<Candle>(`candles:${symbol}:${interval}`, {
    onMessage: (message) => {
      const candle = message.data;
      const h = handles.current;
      if (message.type !== 'candle' || candle.interval !== interval || !h) return;
      const action = liveCandleAction(history.current.at(-1)?.openTime, candle);
      if (action === 'ignore') return;
      history.current = action === 'append' ? [...history.current, candle] : [...history.current.slice(0, -1), candle];
      h.candles.update({ ...toBar(candle), time: toBar(candle).time as UTCTimestamp });
      h.volume.update({ ...toVolumeBar(candle), time: toVolumeBar(candle).time as UTCTimestamp });
      setLatest(candle);
      setStatus('ready');
    },
    // Candles carry full values, so a reload after a drop merges cleanly with what is shown.
    onResync: (reason) => {
      if (reason !== 'subscribed') void load(false);
    },
  });

  const choose = (next: CandleInterval) => {
    setIntervalChoice(next);
    try {
      localStorage.setItem(INTERVAL_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  };

  const shown = hovered ?? latest;
  return (
    <section aria-label={`${symbol} price chart`} className={cx('flex min-h-0 min-w-0 flex-col rounded-md border border-line bg-surface', className)}>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-3 py-1.5">
        <h2 className="text-sm font-semibold">Chart</h2>
        <div role="group" aria-label="Candle interval" className="flex items-center gap-0.5">
          <span className="mr-1 text-xs text-muted">Interval</span>
          {CANDLE_INTERVALS.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={choice === interval}
              onClick={() => choose(choice)}
              className={cx('num rounded px-2 py-0.5 text-xs', choice === interval ? 'bg-raised text-fg' : 'text-muted hover:text-fg')}
            >
              {choice}
            </button>
          ))}
        </div>
      </header>
      <div className="relative min-h-0 flex-1">
        <Legend candle={shown} tickSize={instrument.tickSize} />
        <div ref={host} data-testid="price-chart" className="absolute inset-0" />
        {status !== 'ready' && (
          <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center">
            {status === 'loading' && <Spinner label="Loading candles" />}
            {status === 'empty' && <p className="rounded bg-surface/80 px-3 py-1 text-sm text-muted">No trades at this interval yet; candles appear with the first trade.</p>}
            {status === 'error' && (
              <p role="alert" className="pointer-events-auto rounded bg-surface/90 px-3 py-1 text-sm">
                <span className="mr-2 font-mono text-xs text-down">{error?.code}</span>
                {error?.message}{' '}
                <button type="button" className="text-accent underline" onClick={() => void load(true)}>
                  Retry
                </button>
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** Open, high, low, close, change and volume of the candle under the crosshair (or the newest). */
function Legend({ candle, tickSize }: { readonly candle: Candle | undefined; readonly tickSize: string }) {
  if (!candle) return null;
  const tone = isUp(candle) ? 'text-up' : 'text-down';
  const change = subtractDecimal(candle.close, candle.open);
  const percent = Number(candle.open) > 0 ? ((Number(change) / Number(candle.open)) * 100).toFixed(2) : undefined;
  const item = (label: string, value: string) => (
    <span>
      <span className="text-muted">{label}</span> <span className={tone}>{value}</span>
    </span>
  );
  return (
    <div data-testid="chart-legend" className="num pointer-events-none absolute top-1 right-16 left-2 z-10 flex flex-wrap gap-x-2.5 text-xs">
      {item('O', formatPrice(candle.open, tickSize))}
      {item('H', formatPrice(candle.high, tickSize))}
      {item('L', formatPrice(candle.low, tickSize))}
      {item('C', formatPrice(candle.close, tickSize))}
      {percent !== undefined && <span className={tone}>{formatPercent(percent)}</span>}
      <span>
        <span className="text-muted">Vol</span> {formatCompact(candle.volume)}
      </span>
    </div>
  );
}
