// Candles equal a naive aggregation of the trades in each bucket, with batched drains and across a restart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANDLE_INTERVALS, CandleBuilder, bucketStart, type Candle, type CandleUpdate } from './candles.ts';

interface T {
  readonly symbol: string;
  readonly price: number;
  readonly qty: number;
  readonly ts: number;
}

const key = (c: Pick<Candle, 'symbol' | 'interval' | 'openTime'>): string => `${c.symbol}|${c.interval}|${c.openTime}`;

/** The obvious definition: group by bucket, first is open, last is close. */
function naive(trades: readonly T[]): Map<string, Candle> {
  const out = new Map<string, Candle>();
  for (const t of trades) {
    for (const interval of CANDLE_INTERVALS) {
      const openTime = bucketStart(t.ts, interval);
      const k = key({ symbol: t.symbol, interval, openTime });
      const c = out.get(k);
      out.set(
        k,
        c
          ? { ...c, high: Math.max(c.high, t.price), low: Math.min(c.low, t.price), close: t.price, volume: c.volume + t.qty, quoteVolume: c.quoteVolume + t.price * t.qty, trades: c.trades + 1 }
          : { symbol: t.symbol, interval, openTime, open: t.price, high: t.price, low: t.price, close: t.price, volume: t.qty, quoteVolume: t.price * t.qty, trades: 1 },
      );
    }
  }
  return out;
}

/** A store that upserts drained candles and checks that a closed candle never changes again. */
class Store {
  readonly rows = new Map<string, CandleUpdate>();
  put(updates: readonly CandleUpdate[]): void {
    for (const u of updates) {
      const held = this.rows.get(key(u.candle));
      if (held?.closed) expect(u.candle).toEqual(held.candle);
      this.rows.set(key(u.candle), held?.closed ? held : u);
    }
  }
  candles(): Map<string, Candle> {
    return new Map([...this.rows].map(([k, u]) => [k, u.candle]));
  }
}

const step = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1_000, max: 400_000 }), fc.integer({ min: 3_000_000, max: 100_000_000 }));
/** `tickAt` (percent of dt) ticks the builder between the previous trade and this one. */
const tradeStep = fc.record({
  symbol: fc.constantFrom('A', 'B'),
  price: fc.integer({ min: 1, max: 1_000 }),
  qty: fc.integer({ min: 1, max: 1_000 }),
  dt: step,
  drain: fc.boolean(),
  tickAt: fc.option(fc.integer({ min: 0, max: 100 })),
});
const streams = fc.tuple(fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }), fc.array(tradeStep, { minLength: 1, maxLength: 120 }));

function materialize(start: number, steps: ReadonlyArray<{ symbol: string; price: number; qty: number; dt: number }>): T[] {
  let ts = start;
  return steps.map((s) => ({ symbol: s.symbol, price: s.price, qty: s.qty, ts: (ts += s.dt) }));
}

describe('CandleBuilder against a naive aggregation', () => {
  it('gives every bucket the OHLCV of its trades, whatever the drains and ticks in between', () => {
    fc.assert(
      fc.property(streams, ([start, steps]) => {
        const trades = materialize(start, steps);
        const builder = new CandleBuilder();
        const store = new Store();
        trades.forEach((t, i) => {
          const s = steps[i];
          if (s?.tickAt != null) builder.tick(t.ts - s.dt + Math.floor((s.dt * s.tickAt) / 100));
          builder.onTrade(t.symbol, t.price, t.qty, t.ts);
          if (s?.drain) store.put(builder.drainChanged());
        });
        store.put(builder.drainChanged());
        expect(store.candles()).toEqual(naive(trades));
        // Only the newest candle per (symbol, interval) may be open, and only until its bucket ends.
        for (const u of store.rows.values()) {
          const { symbol, interval, openTime } = u.candle;
          const newest = builder.current(symbol, interval)?.openTime === openTime;
          expect(u.closed).toBe(newest ? builder.isClosed(symbol, interval) : true);
        }
        const end = (trades[trades.length - 1]?.ts ?? start) + 86_400_000;
        builder.tick(end);
        store.put(builder.drainChanged());
        expect([...store.rows.values()].every((u) => u.closed)).toBe(true);
        expect(store.candles()).toEqual(naive(trades));
      }),
      { numRuns: 500 },
    );
  });

  it('continues correctly from stored candles after a restart at any point', () => {
    fc.assert(
      fc.property(streams, fc.nat(), ([start, steps], cutSeed) => {
        const trades = materialize(start, steps);
        const cut = cutSeed % (trades.length + 1);
        const store = new Store();
        const before = new CandleBuilder();
        for (const t of trades.slice(0, cut)) before.onTrade(t.symbol, t.price, t.qty, t.ts);
        store.put(before.drainChanged());
        const after = new CandleBuilder();
        after.seed([...store.rows.values()].map((u) => u.candle));
        for (const t of trades.slice(cut)) after.onTrade(t.symbol, t.price, t.qty, t.ts);
        store.put(after.drainChanged());
        expect(store.candles()).toEqual(naive(trades));
      }),
      { numRuns: 500 },
    );
  });
});
