// Tests for the projector in its own thread: the same rows as in-process, read back through the store's reader, idempotent, and closed cleanly.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../core/events.ts';
import { Engine } from '../engine/engine.ts';
import { generateCommands } from '../journal/bench-support.ts';
import { suiteTempDir } from '../journal/test-support.ts';
import { openStore, type Store } from './database.ts';
import { ProjectionThread } from './projection-thread.ts';

const dir = suiteTempDir('bourse-projection-thread-');

function streamOfEvents(count: number): EngineEvent[] {
  const engine = new Engine();
  const events: EngineEvent[] = [];
  for (const command of generateCommands({ seed: 11, count })) for (const event of engine.apply(command)) events.push(event);
  return events;
}

async function counts(store: Store): Promise<Record<string, number>> {
  const count = async (table: 'orders' | 'fills' | 'trades' | 'ledger') => Number((await store.reader.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { orders: await count('orders'), fills: await count('fills'), trades: await count('trades'), ledger: await count('ledger') };
}

describe('projection thread', () => {
  const events = streamOfEvents(3_000);

  it('writes what the in-process projector writes, visible to the reader once apply resolves', async () => {
    const queries: string[] = [];
    const threaded = await openStore({ sqlitePath: join(dir, 'threaded.sqlite'), projectInWorker: true, onQuery: (sql) => queries.push(sql) });
    const local = await openStore({ sqlitePath: join(dir, 'local.sqlite') });
    try {
      expect(threaded.projector).toBeInstanceOf(ProjectionThread);
      for (let i = 0; i < events.length; i += 700) {
        const part = events.slice(i, i + 700);
        const [a, b] = await Promise.all([threaded.projector.apply(part, { 'journal.seq': i }), local.projector.apply(part, { 'journal.seq': i })]);
        expect(a).toEqual(b);
        expect(await counts(threaded)).toEqual(await counts(local));
      }
      expect(await threaded.projector.watermark()).toBe(events.at(-1)!.seq);
      expect(await threaded.meta.get('journal.seq')).toBe(await local.meta.get('journal.seq'));
      // The thread's statements still reach the store's query hook.
      expect(queries.some((sql) => /insert into "orders"/i.test(sql))).toBe(true);
      // Applying a batch again changes nothing: the watermark skips it.
      const again = await threaded.projector.apply(events.slice(0, 700));
      expect(again).toMatchObject({ applied: 0, skipped: 700 });
      expect(await counts(threaded)).toEqual(await counts(local));
    } finally {
      await threaded.close();
      await local.close();
    }
  });

  it('answers requests in order and refuses work once closed', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'ordered.sqlite'), projectInWorker: true });
    const results = await Promise.all([0, 1, 2, 3].map((k) => store.projector.apply(events.slice(k * 100, (k + 1) * 100))));
    expect(results.map((r) => r.lastSeq)).toEqual([0, 1, 2, 3].map((k) => events[(k + 1) * 100 - 1]!.seq));
    await store.close();
    await expect(store.projector.apply(events.slice(400, 500))).rejects.toThrow(/closed/);
  });

  it('runs in-process for an in-memory store', async () => {
    const store = await openStore({ projectInWorker: true });
    expect(store.projector).not.toBeInstanceOf(ProjectionThread);
    await store.close();
  });
});
