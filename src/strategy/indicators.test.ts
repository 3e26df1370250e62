// Tests for the streaming indicators against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { ATR, BollingerBands, EMA, MACD, RSI, SMA, VWAP, type Indicator } from './indicators.ts';

function feed<I>(indicator: Indicator<I>, inputs: readonly I[]): Array<number | undefined> {
  return inputs.map((input) => indicator.update(input));
}

describe('indicators', () => {
  it('SMA averages the last `period` prices and accepts bars', () => {
    const sma = new SMA(3);
    expect(feed(sma, [1, 2, 3, 4])).toEqual([undefined, undefined, 2, 3]);
    expect(sma.update({ close: 5 })).toBe(4);
    expect(sma.ready).toBe(true);
    expect(sma.value).toBe(4);
  });

  it('SMA is the window exactly summed and rounded once, over any period and any length of run', () => {
    let price = 100;
    let seed = 7;
    const prices: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      price = Math.round((price + (seed / 2 ** 31 - 0.5)) * 100) / 100;
      prices.push(price);
    }
    // Whole hundredths: every price times 2^60 is an integer (prices stay under 2^10), so BigInts sum the window exactly.
    const exactMean = (window: readonly number[]) => Number(window.reduce((sum, p) => sum + BigInt(p * 2 ** 60), 0n)) / 2 ** 60 / window.length;
    for (const period of [1, 2, 10, 30, 5_000]) {
      const sma = new SMA(period);
      prices.forEach((p, i) => {
        const value = sma.update(p);
        if (i + 1 < period) expect(value).toBeUndefined();
        else if (i % 97 === 0 || i === prices.length - 1) expect(value, `period ${period} at ${i}`).toBe(exactMean(prices.slice(i + 1 - period, i + 1)));
      });
    }
    // The same prices give the same average in any order, however the window came to hold them.
    const a = new SMA(3);
    const b = new SMA(3);
    feed(a, [0.7, 0.9, 0.1, 0.2, 0.3]);
    feed(b, [0.3, 0.1, 0.2]);
    expect(a.value).toBe(b.value);
  });

  it('SMA costs the same per price for a long period as for a short one', () => {
    const sma = new SMA(100_000);
    for (let i = 0; i < 400_000; i++) sma.update(100 + (i % 7) / 100);
    expect(sma.value).toBeCloseTo(100.03, 6);
  });

  it('EMA starts at the first price, weighs 2/(n+1), and is ready after n prices', () => {
    const ema = new EMA(3);
    // 1, then 1 + (2-1)/2 = 1.5, then 1.5 + (3-1.5)/2 = 2.25, then 2.25 + (4-2.25)/2 = 3.125
    expect(feed(ema, [1, 2, 3, 4])).toEqual([undefined, undefined, 2.25, 3.125]);
  });

  it("RSI uses Wilder's smoothing and is ready after period + 1 prices", () => {
    const rsi = new RSI(3);
    // Changes +3 -2 +3: average gain 2, loss 2/3, RS 3 -> 75. Then +2: gain 2, loss 4/9, RS 4.5 -> 81.81...
    const values = feed(rsi, [44, 47, 45, 48, 50]);
    expect(values.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(values[3]).toBeCloseTo(75, 10);
    expect(values[4]).toBeCloseTo(100 - 100 / 5.5, 10);
  });

  it('ATR smooths true ranges (gaps to the previous close included)', () => {
    const atr = new ATR(3);
    const values = feed(atr, [
      { high: 10, low: 8, close: 9 }, // TR 2
      { high: 11, low: 9, close: 10 }, // TR 2
      { high: 12, low: 9, close: 11 }, // TR 3 -> ATR (2+2+3)/3
      { high: 11, low: 10, close: 10 }, // TR 1 -> 7/3 + (1 - 7/3)/3 = 17/9
    ]);
    expect(values[1]).toBeUndefined();
    expect(values[2]).toBeCloseTo(7 / 3, 10);
    expect(values[3]).toBeCloseTo(17 / 9, 10);
  });

  it('VWAP weighs typical bar prices and trades by volume, ignores empty volume, and resets', () => {
    const vwap = new VWAP();
    expect(vwap.update({ high: 10, low: 8, close: 9, volume: 100 })).toBe(9);
    expect(vwap.update({ price: 12, qty: 50 })).toBe(10); // (900 + 600) / 150
    expect(vwap.update({ price: 50, qty: 0 })).toBe(10);
    vwap.reset();
    expect(vwap.value).toBeUndefined();
    expect(vwap.update({ price: 7, qty: 1 })).toBe(7);
  });

  it('Bollinger bands are the SMA +/- k population standard deviations', () => {
    const bands = new BollingerBands(3, 2);
    expect(feed(bands, [1, 2])).toEqual([undefined, undefined]);
    expect(bands.upper).toBeUndefined();
    expect(bands.update(3)).toBe(2);
    expect(bands.upper).toBeCloseTo(2 + 2 * Math.sqrt(2 / 3), 10);
    expect(bands.lower).toBeCloseTo(2 - 2 * Math.sqrt(2 / 3), 10);
    expect(bands.update(7)).toBe(4); // 2, 3, 7: variance 14/3
    expect(bands.upper).toBeCloseTo(4 + 2 * Math.sqrt(14 / 3), 10);
    expect(bands.middle).toBe(4);
  });

  it('MACD is ready when its signal line is, with line, signal and histogram', () => {
    const macd = new MACD(2, 3, 2);
    const values = feed(macd, [1, 2, 3, 4]);
    expect(values.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    // fast EMA(2) 95/27, slow EMA(3) 25/8 -> 85/216; signal = 85/216 * 2/3 + 11/36 * 1/3 = 236/648
    expect(values[3]).toBeCloseTo(85 / 216, 12);
    expect(macd.signal).toBeCloseTo(236 / 648, 12);
    expect(macd.histogram).toBeCloseTo(19 / 648, 12);
  });

  it('refuses bad input and bad periods loudly', () => {
    expect(() => new SMA(3).update(Number.NaN)).toThrow(RangeError);
    expect(() => new SMA(0)).toThrow(/period/);
    expect(() => new MACD(26, 12)).toThrow(/shorter/);
    expect(() => new VWAP().update({ price: 1, qty: -1 })).toThrow(/volume/);
  });
});
