// `npm run bench:engine`: the book, the full engine, the journal and memory, with peers in the same run.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { measureJournal } from '../../src/journal/bench-support.ts';
import { runBookBenchmarks } from './book.ts';
import { generateEngineFlow, timeEngine } from './engine-flow.ts';
import { engineBytesPerRestingOrder } from './engine-memory.ts';

const SEED = 42;
const ENGINE_OPS = Number(process.env.BENCH_ENGINE_OPS ?? 1_000_000);
const ACCOUNTS = 1_000;
const REPS = 3;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

console.log('bench:engine — one seeded stream per part; medians of repeated runs after a warm-up\n');

const book = await runBookBenchmarks({ seed: SEED });

console.log(`full engine: generating ${fmt(ENGINE_OPS)} mixed-flow commands across ${fmt(ACCOUNTS)} accounts...`);
const flow = generateEngineFlow(SEED, ENGINE_OPS, ACCOUNTS);
timeEngine(flow);
const engineRuns: number[] = [];
let events = 0;
for (let rep = 0; rep < REPS; rep++) {
  globalThis.gc?.();
  const run = timeEngine(flow);
  engineRuns.push(run.opsPerSecond);
  events = run.events;
}
const engineOps = median(engineRuns);
console.log(`  ${fmt(engineOps)} commands/s (risk holds, matching, clearing, ${(events / ENGINE_OPS).toFixed(1)} events per command)`);
console.log(`  the book alone is ${(book.book_mixed_ops_s / engineOps).toFixed(1)}x faster; the full engine is ${(engineOps / book.peer_mixed_ops_s).toFixed(1)}x faster than the best npm book alone (${book.best_peer})\n`);

console.log('journal: durable appends with group commit, then a cold replay into a fresh engine...');
const dir = join(process.cwd(), '.bench-tmp');
const journal = await measureJournal({ dir, commands: [...flow.setup, ...flow.ops] });
await rm(dir, { recursive: true, force: true });
console.log(`  ${fmt(journal.journal_cmds_s)} durable commands/s (${fmt(journal.fsyncs)} fdatasyncs, ${fmt(journal.avg_batch)} commands per batch, ${journal.bytes_per_cmd} bytes per command)`);
console.log(`  ${fmt(journal.replay_cmds_s)} commands/s replayed cold (read, check, decode, apply); the journal's own share decodes ${fmt(journal.decode_cmds_s)}/s\n`);

globalThis.gc?.();
const engineBytes = engineBytesPerRestingOrder(1_000_000);
console.log(`memory with 1,000,000 resting orders: ${engineBytes.toFixed(0)} bytes per order in the full engine, ${book.bytes_per_resting_order_book.toFixed(0)} in the book alone\n`);

console.log(
  JSON.stringify({
    book_add_ops_s: Math.round(book.book_add_ops_s),
    book_mixed_ops_s: Math.round(book.book_mixed_ops_s),
    peer_mixed_ops_s: Math.round(book.peer_mixed_ops_s),
    engine_mixed_ops_s: Math.round(engineOps),
    journal_cmds_s: journal.journal_cmds_s,
    replay_cmds_s: journal.replay_cmds_s,
    bytes_per_resting_order: Math.round(engineBytes),
  }),
);
