// The `bourse` command line.
import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { DurableEngine } from '../journal/durable-engine.ts';
import { DEMO_INSTRUMENTS, describeBook, ensureDemoMarket, tradeRandomly } from './demo.ts';

const program = new Command().name('bourse').description('Self-hostable trading platform');

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

program
  .command('start')
  .description('open the durable engine in the data directory and run a short trading session on it')
  .option('--data-dir <dir>', 'where the journal and snapshots live', process.env.BOURSE_DATA_DIR ?? './data')
  .option('--orders <n>', 'random orders to send', wholeNumber(0, 10_000_000), 2000)
  .option('--seed <n>', 'seed for the random traders (default: from the clock)', wholeNumber(0, 2 ** 32 - 1))
  .action(async (options: { dataDir: string; orders: number; seed?: number }) => {
    const dir = resolve(options.dataDir);
    const logger = { warn: (message: string, details?: object) => console.warn(`warning: ${message}`, details ?? '') };
    const engine = await DurableEngine.open({ dir, logger, snapshotEvery: 50_000 });
    const recovery = engine.recovery;
    console.log(`Bourse engine opened in ${dir}`);
    console.log(`  recovered ${recovery.lastSeq} journaled commands (snapshot at ${recovery.snapshotSeq}, ${recovery.replayed} replayed) in ${recovery.ms.toFixed(0)} ms`);
    let closing = false;
    const close = async (): Promise<void> => {
      if (closing) return;
      closing = true;
      await engine.close();
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
    const now = (): number => Math.max(Date.now(), engine.engine.time);
    await ensureDemoMarket(engine, now);
    const started = performance.now();
    const seed = options.seed ?? Date.now() % 1_000_000;
    const summary = await tradeRandomly(engine, options.orders, seed, now);
    const seconds = (performance.now() - started) / 1000;
    const rejected = [...summary.rejected].map(([reason, count]) => `${count} ${reason}`).join(', ');
    console.log(`  ${options.orders} orders from seed ${seed} acknowledged (durably journaled) in ${seconds.toFixed(2)} s: ${summary.trades} trades`);
    if (rejected) console.log(`  rejected: ${rejected}`);
    console.log('');
    for (const spec of DEMO_INSTRUMENTS) console.log(describeBook(engine, spec) + '\n');
    engine.engine.validate();
    console.log(`state hash ${engine.stateHash()} at journal seq ${engine.lastSeq}; invariants hold`);
    await close();
    console.log('journal flushed and snapshot written; run `npm start` again to recover and continue');
  });

await program.parseAsync();
