// `npm run bench:engine`: the book, the full engine, the journal and memory, with peers in the same run.
//
// Each part runs in a fresh Node process, like a JMH fork: a part must not inherit the heap (a
// million resting orders from the book part, say) or the JIT's type feedback of the parts before it,
// which otherwise slow the later parts by a third or more depending on the order they run in.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureJournal, type JournalBenchResult } from '../../src/journal/bench-support.ts';
import { runBookBenchmarks, type BookBenchResult } from './book.ts';
import { generateEngineFlow, timeEngine } from './engine-flow.ts';
import { engineBytesPerRestingOrder } from './engine-memory.ts';

const SEED = 42;
const ENGINE_OPS = Number(process.env.BENCH_ENGINE_OPS ?? 1_000_000);
const ACCOUNTS = 1_000;
const REPS = 5;
const RESULT_MARK = 'bench-part-result ';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

interface EngineResult {
  opsPerSecond: number;
  opsPerCpuSecond: number;
  eventsPerCommand: number;
}

const parts = {
  book: (): Promise<BookBenchResult> => runBookBenchmarks({ seed: SEED }),

  engine: (): EngineResult => {
    console.log(`full engine: generating ${fmt(ENGINE_OPS)} mixed-flow commands across ${fmt(ACCOUNTS)} accounts...`);
    const flow = generateEngineFlow(SEED, ENGINE_OPS, ACCOUNTS);
    timeEngine(flow);
    const wall: number[] = [];
    const cpu: number[] = [];
    let events = 0;
    for (let rep = 0; rep < REPS; rep++) {
      globalThis.gc?.();
      const before = process.cpuUsage();
      const run = timeEngine(flow);
      const used = process.cpuUsage(before);
      wall.push(run.opsPerSecond);
      cpu.push(flow.ops.length / ((used.user + used.system) / 1e6));
      events = run.events;
    }
    return { opsPerSecond: median(wall), opsPerCpuSecond: median(cpu), eventsPerCommand: events / flow.ops.length };
  },

  journal: async (): Promise<JournalBenchResult> => {
    const flow = generateEngineFlow(SEED, ENGINE_OPS, ACCOUNTS);
    const dir = join(process.cwd(), '.bench-tmp');
    try {
      return await measureJournal({ dir, commands: [...flow.setup, ...flow.ops] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  memory: (): number => engineBytesPerRestingOrder(1_000_000),
};
type PartName = keyof typeof parts;
type PartResult<P extends PartName> = Awaited<ReturnType<(typeof parts)[P]>>;

/** Runs one part in a child process of this script; its output passes through, its result comes back. */
function runPart<P extends PartName>(name: P): Promise<PartResult<P>> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: ['ignore', 'pipe', 'inherit'] });
  let result: PartResult<P> | undefined;
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith(RESULT_MARK)) result = JSON.parse(line.slice(RESULT_MARK.length)) as PartResult<P>;
      else console.log(line);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`bench part ${name} failed (exit ${code})`))));
  });
}

async function main(): Promise<void> {
  console.log('bench:engine — one seeded stream per part, each part in a fresh process; medians of repeated runs after a warm-up\n');
  const book = await runPart('book');

  const engine = await runPart('engine');
  console.log(`  ${fmt(engine.opsPerSecond)} commands/s (risk holds, matching, clearing, ${engine.eventsPerCommand.toFixed(1)} events per command)`);
  console.log(`  ${fmt(engine.opsPerCpuSecond)} commands per CPU-second (the same runs, counting only the time the process was on a core)`);
  console.log(`  the book alone is ${(book.book_mixed_ops_s / engine.opsPerSecond).toFixed(1)}x faster; the full engine is ${(engine.opsPerSecond / book.peer_mixed_ops_s).toFixed(1)}x faster than the best npm book alone (${book.best_peer})\n`);

  console.log('journal: durable appends with group commit, then a cold replay into a fresh engine...');
  const journal = await runPart('journal');
  console.log(`  ${fmt(journal.journal_cmds_s)} durable commands/s (${fmt(journal.fsyncs)} fdatasyncs, ${fmt(journal.avg_batch)} commands per batch, ${journal.bytes_per_cmd} bytes per command)`);
  console.log(`  ${fmt(journal.replay_cmds_s)} commands/s replayed cold (read, check, decode, apply); the journal's own share decodes ${fmt(journal.decode_cmds_s)}/s\n`);

  const engineBytes = await runPart('memory');
  console.log(`memory with 1,000,000 resting orders: ${engineBytes.toFixed(0)} bytes per order in the full engine, ${book.bytes_per_resting_order_book.toFixed(0)} in the book alone\n`);

  console.log(
    JSON.stringify({
      book_add_ops_s: Math.round(book.book_add_ops_s),
      book_mixed_ops_s: Math.round(book.book_mixed_ops_s),
      peer_mixed_ops_s: Math.round(book.peer_mixed_ops_s),
      engine_mixed_ops_s: Math.round(engine.opsPerSecond),
      journal_cmds_s: journal.journal_cmds_s,
      replay_cmds_s: journal.replay_cmds_s,
      bytes_per_resting_order: Math.round(engineBytes),
    }),
  );
}

const partName = process.argv[2];
if (partName === undefined) await main();
else if (partName in parts) console.log(RESULT_MARK + JSON.stringify(await parts[partName as PartName]()));
else throw new Error(`unknown bench part ${partName}; the parts are ${Object.keys(parts).join(', ')}`);
