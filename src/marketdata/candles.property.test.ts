// Candles equal a naive aggregation of the trades in each bucket, with batched drains, ticks, late trades and a restart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANDLE_INTERVALS, CandleBuilder, bucketStart, intervalMs, type Candle, type CandleUpdate } from './candles.ts';

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

const start = fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 });
const forward = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1_000, max: 400_000 }), fc.integer({ min: 3_000_000, max: 100_000_000 }));
const backward = fc.integer({ min: -200_000, max: -1 });
/** A tick between the previous trade and this one: at a fraction of the step, or at a bucket edge before the trade. */
const tick = fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(...CANDLE_INTERVALS)));
const fields = {
  symbol: fc.constantFrom('A', 'B'),
  price: fc.integer({ min: 1, max: 1_000 }),
  qty: fc.integer({ min: 1, max: 1_000 }),
  drain: fc.boolean(),
};
const inOrder = fc.array(fc.record({ ...fields, dt: forward, tick }), { minLength: 1, maxLength: 120 });
const withLate = fc.array(fc.record({ ...fields, dt: fc.oneof(forward, backward) }), { minLength: 1, maxLength: 120 });

type Step = { readonly symbol: string; readonly price: number; readonly qty: number; readonly dt: number };

/** Trades as stamped, and as placed by the rule that time never goes back per symbol. */
function stamp(from: number, steps: readonly Step[]): { stamped: T[]; placed: T[] } {
  const clocks = new Map<string, number>();
  let ts = from;
  const stamped = steps.map((s) => ({ symbol: s.symbol, price: s.price, qty: s.qty, ts: (ts += s.dt) }));
  const placed = stamped.map((t) => {
    const at = Math.max(t.ts, clocks.get(t.symbol) ?? t.ts);
    clocks.set(t.symbol, at);
    return { ...t, ts: at };
  });
  return { stamped, placed };
}

describe('CandleBuilder against a naive aggregation', () => {
  it('gives every bucket the OHLCV of its trades, whatever the drains and ticks in between', () => {
    fc.assert(
      fc.property(start, inOrder, (from, steps) => {
        const { stamped: trades } = stamp(from, steps);
        const builder = new CandleBuilder();
        const store = new Store();
        let lastTick = Number.NEGATIVE_INFINITY;
        trades.forEach((t, i) => {
          const s = steps[i];
          if (s?.tick != null) {
            const at = typeof s.tick === 'number' ? t.ts - s.dt + Math.floor((s.dt * s.tick) / 100) : bucketStart(t.ts, s.tick);
            builder.tick(at);
            lastTick = Math.max(lastTick, at);
          }
          builder.onTrade(t.symbol, t.price, t.qty, t.ts);
          if (s?.drain) store.put(builder.drainChanged());
          for (const symbol of ['A', 'B']) {
            for (const interval of CANDLE_INTERVALS) {
              const current = builder.current(symbol, interval);
              if (current) expect(builder.isClosed(symbol, interval)).toBe(current.openTime + intervalMs[interval] <= lastTick);
            }
          }
        });
        store.put(builder.drainChanged());
        expect(store.candles()).toEqual(naive(trades));
        // Only the newest candle per (symbol, interval) may be open.
        for (const u of store.rows.values()) {
          const { symbol, interval, openTime } = u.candle;
          const newest = builder.current(symbol, interval)?.openTime === openTime;
          expect(u.closed).toBe(newest ? builder.isClosed(symbol, interval) : true);
        }
        builder.tick((trades[trades.length - 1]?.ts ?? from) + 86_400_000);
        store.put(builder.drainChanged());
        expect([...store.rows.values()].every((u) => u.closed)).toBe(true);
        expect(store.candles()).toEqual(naive(trades));
      }),
      { numRuns: 500 },
    );
  });

  it('counts a late-stamped trade at the newest time seen, trade or tick', () => {
    const steps = fc.array(fc.record({ ...fields, dt: fc.oneof(forward, backward), tick: fc.option(fc.integer({ min: -100_000, max: 100_000 })) }), { minLength: 1, maxLength: 120 });
    fc.assert(
      fc.property(start, steps, (from, ops) => {
        const builder = new CandleBuilder();
        const store = new Store();
        const placed: T[] = [];
        const clocks = new Map<string, number>();
        let ticked = Number.NEGATIVE_INFINITY;
        let ts = from;
        for (const s of ops) {
          ts += s.dt;
          if (s.tick != null) {
            builder.tick(ts + s.tick);
            ticked = Math.max(ticked, ts + s.tick);
          }
          builder.onTrade(s.symbol, s.price, s.qty, ts);
          const at = Math.max(ts, ticked, clocks.get(s.symbol) ?? ts);
          clocks.set(s.symbol, at);
          placed.push({ symbol: s.symbol, price: s.price, qty: s.qty, ts: at });
          if (s.drain) store.put(builder.drainChanged());
        }
        store.put(builder.drainChanged());
        expect(store.candles()).toEqual(naive(placed));
      }),
      { numRuns: 500 },
    );
  });

  it('continues correctly from stored candles after a restart at any point', () => {
    fc.assert(
      fc.property(start, withLate, fc.nat(), (from, steps, cutSeed) => {
        const { stamped, placed } = stamp(from, steps);
        const cut = cutSeed % (stamped.length + 1);
        const store = new Store();
        const before = new CandleBuilder();
        for (const t of stamped.slice(0, cut)) before.onTrade(t.symbol, t.price, t.qty, t.ts);
        store.put(before.drainChanged());
        const after = new CandleBuilder();
        after.seed([...store.rows.values()].map((u) => u.candle));
        for (const t of stamped.slice(cut)) after.onTrade(t.symbol, t.price, t.qty, t.ts);
        store.put(after.drainChanged());
        expect(store.candles()).toEqual(naive(placed));
      }),
      { numRuns: 500 },
    );
  });
});
