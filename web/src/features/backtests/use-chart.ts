// useChart: one lightweight-charts chart in the dashboard's dark look, sized by its container and fitted again when its width changes, removed on unmount; local-time axis labels.
import { ColorType, createChart, CrosshairMode, type IChartApi, type ISeriesApi, type SeriesType } from 'lightweight-charts';
import { useEffect, useState, type RefObject } from 'react';
import { crosshairLabel, dateAxisZoom, dateTickLabel, type DateAxisZoom } from '../market/chart-data.ts';

/** Axis labels at one zoom: dates over days, times only when the view is under two days (dateTickLabel). */
function dateTicks(zoom: DateAxisZoom) {
  return (time: unknown, type: number, locale: string) => dateTickLabel(time as number, type, zoom, locale);
}

function baseChart(host: HTMLElement, secondsVisible: boolean): IChartApi {
  let zoom: DateAxisZoom = 'dates';
  const chart = createChart(host, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: '#12161c' }, textColor: '#8b94a3', fontSize: 11, fontFamily: 'Inter, system-ui, sans-serif', attributionLogo: true },
    grid: { vertLines: { color: 'rgba(38, 44, 54, 0.55)' }, horzLines: { color: 'rgba(38, 44, 54, 0.55)' } },
    rightPriceScale: { borderColor: '#262c36' },
    timeScale: { borderColor: '#262c36', timeVisible: true, secondsVisible, minBarSpacing: 0.01, tickMarkFormatter: dateTicks(zoom) },
    crosshair: { mode: CrosshairMode.Normal },
    localization: { timeFormatter: (time: unknown) => crosshairLabel(time as number) },
  });
  // The chart keeps labels once made, so a new zoom gets a new formatter, which clears them.
  chart.timeScale().subscribeVisibleTimeRangeChange((range) => {
    const next = dateAxisZoom(range ? (range.to as number) - (range.from as number) : 0);
    if (next === zoom) return;
    zoom = next;
    chart.applyOptions({ timeScale: { tickMarkFormatter: dateTicks(zoom) } });
  });
  return chart;
}

/** Charts already removed: on unmount the chart goes before the effects that added its series clean up. */
const removed = new WeakSet<IChartApi>();

/** Takes a series (and whatever else `detach` removes, such as its markers) off a chart that is still there. */
export function removeSeries(chart: IChartApi, series: ISeriesApi<SeriesType>, detach?: () => void): void {
  if (removed.has(chart)) return;
  detach?.();
  chart.removeSeries(series);
}

/** The chart in `host`, once mounted (undefined before); series belong to the caller's effects. */
export function useChart(host: RefObject<HTMLDivElement | null>, secondsVisible = false): IChartApi | undefined {
  const [chart, setChart] = useState<IChartApi | undefined>(undefined);
  useEffect(() => {
    if (!host.current) return;
    const created = baseChart(host.current, secondsVisible);
    setChart(created);
    // A run's charts show the whole run: when the width changes (a window resized, a panel reflowed),
    // the chart fits it again rather than keep the old bar spacing and start mid-chart.
    let width = host.current.clientWidth;
    const refit = new ResizeObserver(([entry]) => {
      const next = entry?.contentRect.width ?? width;
      if (Math.abs(next - width) < 1) return;
      width = next;
      requestAnimationFrame(() => {
        if (!removed.has(created)) created.timeScale().fitContent();
      });
    });
    refit.observe(host.current);
    return () => {
      refit.disconnect();
      setChart(undefined);
      removed.add(created);
      created.remove();
    };
  }, [host, secondsVisible]);
  return chart;
}
