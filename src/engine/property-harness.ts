// Shared set-up for the engine's property tests: engines on either book, started from the random streams' fixture.
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import { FastBook } from './book/fast-book.ts';
import { ReferenceBook } from './book/reference-book.ts';
import { resolveOwner, setupCommands } from './command-arbitraries.ts';
import { Engine } from './engine.ts';

/** Random sequences per property; raise it for a longer soak (PROPERTY_RUNS=20000). */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 2_000);
export const BOOKS = { reference: () => new ReferenceBook(), fast: () => new FastBook() };
export type BookKind = keyof typeof BOOKS;
const DEFAULT_BOOK = (process.env.PROPERTY_BOOK as BookKind | undefined) ?? 'fast';

export function freshEngine(kind: BookKind = DEFAULT_BOOK): Engine {
  const engine = new Engine({ bookFactory: BOOKS[kind] });
  for (const command of setupCommands()) engine.apply(command);
  return engine;
}

/** An engine before the fixture, for tests that watch the fixture's own events. */
export function emptyEngine(kind: BookKind = DEFAULT_BOOK): Engine {
  return new Engine({ bookFactory: BOOKS[kind] });
}

/** Applies a stream (resolving OWNER placeholders against the engine) and returns every event. */
export function run(engine: Engine, commands: readonly Command[], afterEach?: (events: EngineEvent[]) => void): EngineEvent[] {
  const all: EngineEvent[] = [];
  for (const command of commands) {
    const events = engine.apply(resolveOwner(command, (id) => engine.order(id)?.accountId));
    afterEach?.(events);
    for (const event of events) all.push(event);
  }
  return all;
}
