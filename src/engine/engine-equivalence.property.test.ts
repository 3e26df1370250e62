// Property tests: the two books agree, and replay, snapshots and quiet replay reproduce the same state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandStream, resolveOwner } from './command-arbitraries.ts';
import { Engine, type EngineSnapshot } from './engine.ts';
import { freshEngine, run, RUNS } from './property-harness.ts';

describe('engine equivalences', () => {
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
