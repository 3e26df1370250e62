// The `bourse` command line.
import { Command } from 'commander';
import { resolve } from 'node:path';
import { DurableEngine } from '../journal/durable-engine.ts';
import { DEMO_INSTRUMENTS, describeBook, ensureDemoMarket, tradeRandomly } from './demo.ts';

const program = new Command().name('bourse').description('Self-hostable trading platform');

program
  .command('start')
  .description('open the durable engine in the data directory and run a short trading session on it')
  .option('--data-dir <dir>', 'where the journal and snapshots live', process.env.BOURSE_DATA_DIR ?? './data')
  .option('--orders <n>', 'random orders to send', '2000')
  .option('--seed <n>', 'seed for the random traders', String(Date.now() % 1_000_000))
  .action(async (options: { dataDir: string; orders: string; seed: string }) => {
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
    const trades = await tradeRandomly(engine, Number(options.orders), Number(options.seed), now);
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ${options.orders} orders acknowledged (durably journaled) in ${seconds.toFixed(2)} s, ${trades.length} trades\n`);
    for (const spec of DEMO_INSTRUMENTS) console.log(describeBook(engine, spec) + '\n');
    engine.engine.validate();
    console.log(`state hash ${engine.stateHash()} at journal seq ${engine.lastSeq}; invariants hold`);
    await close();
    console.log('journal flushed and snapshot written; run `npm start` again to recover and continue');
  });

await program.parseAsync();
