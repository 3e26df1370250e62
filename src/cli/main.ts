// The `bourse` command line.
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DurableEngine } from '../journal/durable-engine.ts';
import { DEMO_INSTRUMENTS, describeBook, ensureDemoMarket, tradeRandomly } from './demo.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
// Output piped into `head` and the like may close early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command().name('bourse').description('Self-hostable trading platform').version(version);

/** Parses a whole number from `min` to `max` for an option, or stops with a clear message. */
function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

interface StartOptions {
  dataDir: string;
  orders: number;
  seed?: number;
  truncateDamagedJournal?: boolean;
}

program
  .command('start')
  .description('open the durable engine in the data directory and run a short trading session on it')
  .option('--data-dir <dir>', 'where the journal and snapshots live (env BOURSE_DATA_DIR)', process.env.BOURSE_DATA_DIR ?? './data')
  .option('--orders <n>', 'random orders to send', wholeNumber(0, 10_000_000), 2000)
  .option('--seed <n>', 'seed for the random traders (default: from the clock)', wholeNumber(0, 2 ** 32 - 1))
  .option('--truncate-damaged-journal', 'repair: cut the journal at damage in its middle instead of refusing to start (loses what follows it)')
  .action(start);

async function start(options: StartOptions): Promise<void> {
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
  console.log('journal flushed and snapshot written; run `npm start` again to recover and continue');
}

try {
  await program.parseAsync();
} catch (error) {
  console.error(`error: ${describeError(error)}`);
  process.exitCode = 1;
}

/** One readable line per cause, without a stack trace. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = e instanceof Error ? e.cause : undefined) {
    if (!(e instanceof Error)) {
      parts.push(typeof e === 'string' ? e : 'unknown error');
      break;
    }
    const code = (e as NodeJS.ErrnoException).code;
    const path = (e as NodeJS.ErrnoException).path;
    if (code === 'EEXIST' || code === 'ENOTDIR') parts.push(`${path ?? 'the data directory'} exists and is not a directory`);
    else if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') parts.push(`cannot write ${path ?? 'the data directory'} (${code}): choose a writable --data-dir`);
    else if (code === 'ENOSPC') parts.push('the disk is full');
    else parts.push(e.message);
  }
  return parts.join(': ');
}
