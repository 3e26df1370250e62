// A bar in grid units as the strategy hears it: the decimal text the ports carry and the numbers of its view, made together so the runtime parses nothing.
import type { PortBar } from './ports.ts';
import type { Bar } from './types.ts';
import type { GridText } from './unit-text.ts';

/** `bar`: the fields of a Bar, its prices in ticks and its volume in lots. */
export function barText({ prices, sizes }: GridText, bar: Bar): { readonly bar: PortBar; readonly view: Bar } {
  const open = prices.of(bar.open);
  const high = prices.of(bar.high);
  const low = prices.of(bar.low);
  const close = prices.of(bar.close);
  const volume = sizes.of(bar.volume);
  const { symbol, interval, openTime } = bar;
  return {
    bar: { symbol, interval, openTime, open: open.text, high: high.text, low: low.text, close: close.text, volume: volume.text },
    view: { symbol, interval, openTime, open: open.value, high: high.value, low: low.value, close: close.value, volume: volume.value },
  };
}
