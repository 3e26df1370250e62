// Property tests: engine invariants after every command of thousands of random command streams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_ORDER } from './book/order-book.ts';
import type { EngineEvent } from '../core/events.ts';
import type { OrderBook } from './book/order-book.ts';
import { commandStream, resolveOwner, setupCommands, SYMBOLS } from './command-arbitraries.ts';
import { emptyEngine, freshEngine, run, RUNS } from './property-harness.ts';

describe('engine invariants', () => {
  it('validate() passes after every command: books never crossed, assets conserved, nothing negative, holds cover orders', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = freshEngine();
        run(engine, commands, () => engine.validate());
      }),
      { numRuns: RUNS },
    );
  });

  it('cash and shares are conserved across all accounts, fee account included', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = freshEngine();
        run(engine, commands, () => {
          for (const [asset, { supply, balances }] of engine.totals()) expect(balances, asset).toBe(supply);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('a trailing stop\'s stop price is what its acceptance and StopMoved events say, and each StopMoved is a change', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = freshEngine();
        /** Trailing stop id -> stop price as the events tell it. */
        const told = new Map<number, number>();
        run(engine, commands, (events) => {
          for (const event of events) {
            if (event.type === 'OrderAccepted' && event.orderType === 'trailing_stop') told.set(event.orderId, event.stopPrice!);
            if (event.type !== 'StopMoved') continue;
            expect(told.has(event.orderId)).toBe(true);
            expect(event.stopPrice).not.toBe(told.get(event.orderId));
            told.set(event.orderId, event.stopPrice);
          }
          for (const [id, stopPrice] of told) {
            const order = engine.order(id);
            if (!order) told.delete(id);
            else if (order.state === 'untriggered') expect(order.stopPrice).toBe(stopPrice);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('the book is never crossed', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = freshEngine();
        run(engine, commands, () => {
          for (const symbol of SYMBOLS) {
            const book = engine.book(symbol)!;
            const bid = book.bestPrice('buy');
            const ask = book.bestPrice('sell');
            if (bid !== 0 && ask !== 0) expect(bid).toBeLessThan(ask);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('price-time priority holds: levels in price order, FIFO by queue entry, takers fill best first', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = emptyEngine();
        /** orderId -> seq of the event that (re)queued it. */
        const queuedAt = new Map<number, number>();
        run(engine, [...setupCommands(), ...commands], (events) => {
          let lastTaker = 0;
          let lastMakerPrice = 0;
          let lastMakerQueued = 0;
          for (const event of events) {
            if (event.type === 'OrderAccepted') queuedAt.set(event.orderId, event.seq);
            if (event.type === 'OrderTriggered') queuedAt.set(event.orderId, event.seq);
            if (event.type === 'OrderReplaced' && !event.priorityKept) queuedAt.set(event.orderId, event.seq);
            if (event.type !== 'Fill' || event.liquidity !== 'maker') continue;
            const queued = queuedAt.get(event.orderId)!;
            const counter = event.counterOrderId;
            if (counter === lastTaker) {
              // A buy taker meets asks at rising prices (sell side is the maker side), a sell taker falling bids.
              const worse = event.side === 'sell' ? event.price >= lastMakerPrice : event.price <= lastMakerPrice;
              expect(worse).toBe(true);
              if (event.price === lastMakerPrice) expect(queued).toBeGreaterThanOrEqual(lastMakerQueued);
            }
            lastTaker = counter;
            lastMakerPrice = event.price;
            lastMakerQueued = queued;
          }
          for (const symbol of SYMBOLS) {
            const book = engine.book(symbol);
            if (!book) continue;
            for (const side of ['buy', 'sell'] as const) {
              let previousPrice = 0;
              let previousQueued = 0;
              for (let h = book.head(side); h !== NO_ORDER; h = book.next(h)) {
                const price = book.priceAt(h);
                const queued = queuedAt.get(book.orderIdAt(h))!;
                if (previousPrice !== 0) {
                  expect(side === 'buy' ? price <= previousPrice : price >= previousPrice).toBe(true);
                  if (price === previousPrice) expect(queued).toBeGreaterThan(previousQueued);
                }
                previousPrice = price;
                previousQueued = queued;
              }
            }
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('a halted symbol trades nothing: no fill, acceptance, trigger or move there; new orders and replaces are refused with INSTRUMENT_HALTED; resting orders only leave by cancel or expiry', () => {
    const resting = (book: OrderBook): Map<number, number> => {
      const orders = new Map<number, number>();
      for (const side of ['buy', 'sell'] as const) for (let h = book.head(side); h !== NO_ORDER; h = book.next(h)) orders.set(book.orderIdAt(h), book.qtyAt(h));
      return orders;
    };
    let haltedCommands = 0;
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = freshEngine();
        const halted = new Set<string>();
        for (const command of commands) {
          const resolved = resolveOwner(command, (id) => engine.order(id)?.accountId);
          const haltedBefore = new Set(halted);
          const booksBefore = new Map([...haltedBefore].map((symbol) => [symbol, resting(engine.book(symbol)!)]));
          const target = resolved.type === 'replaceOrder' ? engine.order(resolved.orderId) : undefined;
          const replaceOfHalted = resolved.type === 'replaceOrder' && target !== undefined && target.accountId === resolved.accountId && halted.has(target.market.instrument.symbol);
          // GTD orders due by the command's time expire before it, halted or not: only refusals are looked at.
          const refusals = (events: readonly EngineEvent[]) => events.flatMap((e) => (e.type === 'OrderRejected' || e.type === 'RequestRejected' ? [e.reason] : []));
          const events = engine.apply(resolved);
          for (const event of events) {
            if (event.type === 'TradingStatusChanged') {
              if (event.status === 'halted') halted.add(event.symbol);
              else halted.delete(event.symbol);
              continue;
            }
            if (!('symbol' in event) || event.symbol === undefined || !halted.has(event.symbol)) continue;
            expect(['Fill', 'OrderAccepted', 'OrderTriggered', 'OrderReplaced', 'StopMoved']).not.toContain(event.type);
          }
          if (resolved.type === 'placeOrder' && haltedBefore.has(resolved.order.symbol)) {
            haltedCommands++;
            expect(refusals(events)).toEqual(['INSTRUMENT_HALTED']);
          }
          if (replaceOfHalted) expect(refusals(events)).toEqual(['INSTRUMENT_HALTED']);
          for (const [symbol, before] of booksBefore) {
            if (!halted.has(symbol)) continue;
            const after = resting(engine.book(symbol)!);
            for (const [id, qty] of after) expect(before.get(id)).toBe(qty);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The streams do reach halted markets.
    expect(haltedCommands).toBeGreaterThan(RUNS / 10);
  });
});
