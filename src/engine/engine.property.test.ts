// Property tests: engine invariants over thousands of random command streams, on both order books.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import { FastBook } from './book/fast-book.ts';
import { NO_ORDER } from './book/order-book.ts';
import { ReferenceBook } from './book/reference-book.ts';
import { commandStream, resolveOwner, setupCommands, SYMBOLS } from './command-arbitraries.ts';
import { Engine, type EngineSnapshot } from './engine.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);
const books = { reference: () => new ReferenceBook(), fast: () => new FastBook() };

function freshEngine(kind: keyof typeof books = (process.env.PROPERTY_BOOK as keyof typeof books | undefined) ?? 'fast'): Engine {
  const engine = new Engine({ bookFactory: books[kind] });
  for (const command of setupCommands()) engine.apply(command);
  return engine;
}

function run(engine: Engine, commands: readonly Command[], afterEach?: (events: EngineEvent[]) => void): EngineEvent[] {
  const all: EngineEvent[] = [];
  for (const command of commands) {
    const events = engine.apply(resolveOwner(command, (id) => engine.order(id)?.accountId));
    afterEach?.(events);
    all.push(...events);
  }
  return all;
}

describe('engine properties', () => {
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

  it('no available or held balance ever goes negative', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = freshEngine();
        run(engine, commands, (events) => {
          for (const event of events) {
            if (event.type === 'LedgerEntry') {
              expect(event.available).toBeGreaterThanOrEqual(0);
              expect(event.held).toBeGreaterThanOrEqual(0);
            }
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
        const engine = new Engine({ bookFactory: books[(process.env.PROPERTY_BOOK as keyof typeof books | undefined) ?? 'fast'] });
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

  it('the reference book and the fast book produce identical events and state hashes', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const reference = freshEngine('reference');
        const fast = freshEngine('fast');
        for (const command of commands) {
          const resolved = resolveOwner(command, (id) => reference.order(id)?.accountId);
          expect(fast.apply(resolved)).toEqual(reference.apply(resolved));
        }
        expect(fast.stateHash()).toBe(reference.stateHash());
      }),
      { numRuns: RUNS },
    );
  });

  it('replaying the same commands gives the same events and the same stateHash, also from a snapshot', () => {
    fc.assert(
      fc.property(commandStream(), fc.nat(), (commands, cut) => {
        const original = freshEngine();
        const events = run(original, commands);
        const replayed = freshEngine();
        expect(run(replayed, commands)).toEqual(events);
        expect(replayed.stateHash()).toBe(original.stateHash());

        const split = cut % (commands.length + 1);
        const before = freshEngine();
        run(before, commands.slice(0, split));
        const restored = Engine.restore(JSON.parse(JSON.stringify(before.snapshot())) as EngineSnapshot);
        expect(restored.stateHash()).toBe(before.stateHash());
        restored.validate();
        const tail = run(restored, commands.slice(split));
        expect(tail).toEqual(events.slice(events.length - tail.length));
        expect(restored.stateHash()).toBe(original.stateHash());
      }),
      { numRuns: RUNS },
    );
  });

  it('replay (apply without building events) reaches the same state and numbering as apply', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const applied = freshEngine();
        const replayed = freshEngine();
        for (const command of commands) {
          const resolved = resolveOwner(command, (id) => applied.order(id)?.accountId);
          applied.apply(resolved);
          replayed.replay(resolved);
          expect(replayed.eventSeq).toBe(applied.eventSeq);
        }
        expect(replayed.stateHash()).toBe(applied.stateHash());
        replayed.validate();
      }),
      { numRuns: RUNS },
    );
  });

  it('events are numbered without gaps and carry their command time', () => {
    fc.assert(
      fc.property(commandStream(), (commands) => {
        const engine = freshEngine();
        let seq = engine.eventSeq;
        for (const command of commands) {
          for (const event of engine.apply(resolveOwner(command, (id) => engine.order(id)?.accountId))) {
            expect(event.seq).toBe(++seq);
            expect(event.ts).toBe(command.ts);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
