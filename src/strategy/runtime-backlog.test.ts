// Tests for what waits in a busy runner's queue: one catch-up tick per timer, and market state no handler reads kept to its latest.
import { describe, expect, it } from 'vitest';
import { defineStrategy, type StrategyDefinition } from './define-strategy.ts';
import type { ClockPort, FeedPort, MarketEvent, PortInstrument, TradingPort } from './ports.ts';
import { StrategyRunner } from './runtime.ts';

const ACME: PortInstrument = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000000' };

/** A runner over ports that hold nothing back: a clock whose timers fire when told, a feed the test pushes into. */
async function start<P, S>(definition: StrategyDefinition<P, S>) {
  const timers: Array<() => void> = [];
  let deliver: (event: MarketEvent) => void = () => undefined;
  const clock: ClockPort = { now: () => 1_700_000_000_000, every: (_ms, fire) => (timers.push(fire), () => undefined) };
  const trading = {
    instruments: () => Promise.resolve([ACME]),
    balances: () => Promise.resolve([{ asset: 'USD', available: '10000', held: '0' }]),
    openOrders: () => Promise.resolve([]),
  } as unknown as TradingPort;
  const feed: FeedPort = { subscribe: (_symbols, _intervals, d) => ((deliver = d), () => undefined), history: () => Promise.resolve([]) };
  const runner = new StrategyRunner(definition, { trading, feed, clock, seed: 1 });
  await runner.start();
  return { runner, tick: () => timers.forEach((fire) => fire()), deliver: (event: MarketEvent) => deliver(event) };
}

/** A gate a handler waits at until the test opens it. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const trade = (price: string): MarketEvent => ({ kind: 'trade', trade: { symbol: 'ACME', price, qty: '1', takerSide: 'buy', ts: 0 } });
const quote = (ask: string): MarketEvent => ({ kind: 'quote', quote: { symbol: 'ACME', bidPrice: '99', bidQty: '1', askPrice: ask, askQty: '1', ts: 0 } });

describe('an idle runner', () => {
  it('applies a trade or quote it has no handler for at once, and queues one it has a handler for', async () => {
    const timerOnly = await start(defineStrategy({ name: 'timer-only', symbols: ['ACME'] }));
    timerOnly.deliver(trade('100'));
    timerOnly.deliver(quote('101'));
    expect([timerOnly.runner.context.lastPrice('ACME'), timerOnly.runner.context.quote('ACME')?.ask]).toEqual([100, 101]);
    const prices: number[] = [];
    const watcher = await start(defineStrategy({ name: 'watcher', symbols: ['ACME'], onTrade: (_ctx, t) => void prices.push(t.price) }));
    watcher.deliver(trade('100'));
    // The handler never runs on the feed's stack: state and handler wait for the queue's turn.
    expect([watcher.runner.context.lastPrice('ACME'), prices]).toEqual([undefined, []]);
    await watcher.runner.idle();
    expect([watcher.runner.context.lastPrice('ACME'), prices]).toEqual([100, [100]]);
  });
});

describe('a busy runner', () => {
  it('keeps one tick per timer waiting: a slow handler gets one catch-up tick, not a backlog', async () => {
    const first = gate();
    const { runner, tick } = await start(defineStrategy({
      name: 'slow-timer',
      symbols: ['ACME'],
      state: () => ({ ticks: 0 }),
      onStart: (ctx) => ctx.setTimer('t', 10),
      async onTimer(ctx) {
        if (++ctx.state.ticks === 1) await first.opened;
      },
    }));
    tick();
    await Promise.resolve();
    for (let i = 0; i < 10; i++) tick();
    first.open();
    await runner.idle();
    expect(runner.state.ticks).toBe(2);
    // Once the queue is clear, ticks are queued again.
    tick();
    await runner.idle();
    expect(runner.state.ticks).toBe(3);
  });

  it('replaces a waiting trade or quote the strategy has no handler for with the newer one, and delivers every one it handles', async () => {
    const blocked = gate();
    const seen: Array<number | undefined> = [];
    const timerOnly = await start(defineStrategy({
      name: 'timer-only',
      symbols: ['ACME'],
      onStart: (ctx) => ctx.setTimer('t', 10),
      async onTimer(ctx) {
        await blocked.opened;
        seen.push(ctx.lastPrice('ACME'), ctx.quote('ACME')?.ask);
      },
    }));
    const prices: number[] = [];
    const tradeWatcher = await start(defineStrategy({
      name: 'trade-watcher',
      symbols: ['ACME'],
      onTrade: (_ctx, t) => void prices.push(t.price),
    }));
    // A first price, so later trades cannot be setting a holding's basis.
    for (const runner of [timerOnly, tradeWatcher]) runner.deliver(trade('99.5'));
    await timerOnly.runner.idle();
    timerOnly.tick();
    await Promise.resolve();
    const before = timerOnly.runner.status().eventsHandled;
    for (let i = 0; i < 50; i++) {
      for (const runner of [timerOnly, tradeWatcher]) {
        runner.deliver(trade(String(100 + i)));
        runner.deliver(quote(String(101 + i)));
      }
    }
    blocked.open();
    await Promise.all([timerOnly.runner.idle(), tradeWatcher.runner.idle()]);
    // The timer handler read the state as of the events before it; what came during it left one trade and one quote.
    expect(timerOnly.runner.status().eventsHandled - before).toBe(2);
    expect([timerOnly.runner.context.lastPrice('ACME'), timerOnly.runner.context.quote('ACME')?.ask]).toEqual([149, 150]);
    expect(prices).toEqual([99.5, ...Array.from({ length: 50 }, (_, i) => 100 + i)]);
    // A second tick sees the latest state.
    timerOnly.tick();
    await timerOnly.runner.idle();
    expect(seen).toEqual([99.5, undefined, 149, 150]);
  });

  it('never moves a waiting trade past an own fill: the last price stays the last print', async () => {
    const blocked = gate();
    const { runner, tick, deliver } = await start(defineStrategy({
      name: 'timer-only',
      symbols: ['ACME'],
      onStart: (ctx) => ctx.setTimer('t', 10),
      async onTimer() {
        await blocked.opened;
      },
    }));
    deliver(trade('99'));
    await runner.idle();
    tick();
    await Promise.resolve();
    deliver(trade('100'));
    deliver({ kind: 'fill', fill: { orderId: 1, tradeId: 1, symbol: 'ACME', side: 'buy', price: '105', qty: '1', fee: '0', liquidity: 'taker', ts: 0 } });
    deliver(trade('101'));
    blocked.open();
    await runner.idle();
    expect(runner.context.lastPrice('ACME')).toBe(101);
    expect(runner.context.position('ACME').qty).toBe(1);
  });
});
