// `bourse demo`: a seeded trading session on the bare durable engine, then a clean close or recovery.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { DurableEngine } from '../journal/durable-engine.ts';
import { DEMO_INSTRUMENTS, describeBook, ensureDemoMarket, tradeRandomly } from './demo.ts';
import { wholeNumber } from './options.ts';

interface DemoOptions {
  dataDir: string;
  orders: number;
  seed?: number;
  truncateDamagedJournal?: boolean;
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a short seeded trading session on the bare durable engine (no server), then recover it on the next run')
    .option('--data-dir <dir>', 'where the journal and snapshots live', './data/demo')
    .option('--orders <n>', 'random orders to send', wholeNumber(0, 10_000_000), 2000)
    .option('--seed <n>', 'seed for the random traders (default: from the clock)', wholeNumber(0, 2 ** 32 - 1))
    .option('--truncate-damaged-journal', 'repair: cut the journal at damage in its middle instead of refusing to start (loses what follows it)')
    .action(runDemo);
}

async function runDemo(options: DemoOptions): Promise<void> {
  // The first Ctrl-C stops the session and closes cleanly; a second one exits at once (recovery copes).
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(130);
    console.log('\nstopping: finishing acknowledged work, flushing the journal, writing a snapshot...');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const dir = resolve(options.dataDir);
  const logger = { warn: (message: string, details?: object) => console.warn(`warning: ${message}`, details ?? '') };
  const engine = await DurableEngine.open({ dir, logger, snapshotEvery: 50_000, onCorruption: options.truncateDamagedJournal ? 'truncate' : 'refuse' });
  const recovery = engine.recovery;
  console.log(`Bourse engine opened in ${dir}`);
  console.log(`  recovered ${recovery.lastSeq} journaled commands (snapshot at ${recovery.snapshotSeq}, ${recovery.replayed} replayed) in ${recovery.ms.toFixed(0)} ms`);
  try {
    const now = (): number => Math.max(Date.now(), engine.engine.time);
    if (!stop.signal.aborted) await ensureDemoMarket(engine, now);
    const started = performance.now();
    const seed = options.seed ?? Date.now() % 1_000_000;
    const summary = await tradeRandomly(engine, options.orders, seed, now, stop.signal);
    const seconds = (performance.now() - started) / 1000;
    const rejected = [...summary.rejected].map(([reason, count]) => `${count} ${reason}`).join(', ');
    console.log(`  ${summary.sent} orders from seed ${seed} acknowledged (durably journaled) in ${seconds.toFixed(2)} s: ${summary.trades} trades`);
    if (rejected) console.log(`  rejected: ${rejected}`);
    console.log('');
    for (const spec of DEMO_INSTRUMENTS) if (engine.engine.book(spec.symbol)) console.log(describeBook(engine, spec) + '\n');
    engine.engine.validate();
    console.log(`state hash ${engine.stateHash()} at journal seq ${engine.lastSeq}; invariants hold`);
  } finally {
    await engine.close();
  }
  console.log('journal flushed and snapshot written; run `bourse demo` again to recover and continue');
}

