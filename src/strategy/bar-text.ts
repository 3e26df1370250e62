// A bar in grid units as the strategy hears it: the decimal text the ports carry and the numbers of its view, made together so the runtime parses nothing.
import type { PortBar } from './ports.ts';
import type { Bar } from './types.ts';
import type { GridText } from './unit-text.ts';

/** `bar`: the fields of a Bar, its prices in ticks and its volume in lots. */
export function barText({ prices, sizes }: GridText, bar: Bar): { readonly bar: PortBar; readonly view: Bar } {
  const { symbol, interval, openTime, open, high, low, close, volume } = bar;
  return {
    bar: { symbol, interval, openTime, open: prices.text(open), high: prices.text(high), low: prices.text(low), close: prices.text(close), volume: sizes.text(volume) },
    view: { symbol, interval, openTime, open: prices.value(open), high: prices.value(high), low: prices.value(low), close: prices.value(close), volume: sizes.value(volume) },
  };
}
