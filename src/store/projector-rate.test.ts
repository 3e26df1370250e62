// Measures the projector on a SQLite file with the journal benchmark's realistic command stream.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { EngineEvent } from '../core/events.ts';
import { Engine } from '../engine/engine.ts';
import { generateCommands } from '../journal/bench-support.ts';
import { suiteTempDir } from '../journal/test-support.ts';
import { openStore } from './database.ts';

/**
 * BOURSE_STORE_BENCH=1 runs the full measurement (400k commands, about 1.2M events); the default
 * is a quick run that only checks the projected counts and prints its rate.
 */
const FULL = process.env.BOURSE_STORE_BENCH === '1';
const COMMANDS = FULL ? 400_000 : 20_000;
/** Events per transaction, as the server's commit batches deliver them. */
const BATCH = Number(process.env.BOURSE_STORE_BENCH_BATCH ?? 5_000);

const dir = suiteTempDir('bourse-projector-rate-');

it(`projects ${COMMANDS} commands' events into a SQLite file`, async () => {
  const engine = new Engine();
  const events: EngineEvent[] = [];
  for (const command of generateCommands({ seed: 7, count: COMMANDS })) for (const event of engine.apply(command)) events.push(event);
  const store = await openStore({ sqlitePath: join(dir, 'rate.sqlite') });

  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < events.length; i += BATCH) await store.projector.apply(events.slice(i, i + BATCH));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `projector: ${events.length} events in ${seconds.toFixed(2)} s = ${Math.round(events.length / seconds)} events/s ` +
      `(${Math.round(events.length / cpuSeconds)} per CPU second, batches of ${BATCH})`,
  );

  const count = async (table: 'orders' | 'fills' | 'trades' | 'ledger') => (await store.reader.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const ofType = (type: EngineEvent['type']) => events.filter((event) => event.type === type).length;
  expect(await count('orders')).toBe(ofType('OrderAccepted'));
  expect(await count('fills')).toBe(ofType('Fill'));
  expect(await count('trades')).toBe(ofType('Fill') / 2);
  expect(await count('ledger')).toBe(ofType('LedgerEntry'));
  expect(await store.projector.watermark()).toBe(engine.eventSeq);
  await store.close();
});
