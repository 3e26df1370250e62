// Journal benchmarks the bench runner calls: durable commands/s under group commit, and replay commands/s.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from '../core/commands.ts';
import { SeededRandom } from '../core/rng.ts';
import { Engine } from '../engine/engine.ts';
import { decodeCommand } from './command-codec.ts';
import { JournalFile } from './journal-file.ts';

export interface JournalBenchResult {
  /** Commands made durable per second with many appends in flight (group commit + fdatasync). */
  journal_cmds_s: number;
  /** Commands per second from a cold open: scan + CRC check + decode + engine.replay of the whole journal. */
  replay_cmds_s: number;
  /** The journal's part of replay alone: scan + CRC check + decode, no engine. */
  decode_cmds_s: number;
  commands: number;
  bytes_per_cmd: number;
  fsyncs: number;
  avg_batch: number;
  replay_state_hash: string;
}

export interface JournalBenchOptions {
  /** A scratch directory; it is created and its journal removed afterwards. */
  dir: string;
  /** The command stream (valid for a fresh engine); pass at least 1M for a meaningful replay rate. */
  commands: readonly Command[];
  /** Appends allowed in flight before the producer waits for the oldest to be durable. Default 65,536. */
  inFlight?: number;
}

/** Writes `commands` to a fresh journal with group commit, then times a cold replay into a fresh engine. */
export async function measureJournal(options: JournalBenchOptions): Promise<JournalBenchResult> {
  const { commands } = options;
  const window = options.inFlight ?? 65_536;
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, 'bench-journal.bin');
  await rm(path, { force: true });
  let fsyncs = 0;
  const journal = await JournalFile.open(path, { metrics: { onCommit: () => void fsyncs++ } });
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  for (let i = 0; i < commands.length; i++) {
    const { durable } = journal.enqueue(commands[i] as Command);
    if (pending[pending.length - 1] !== durable) pending.push(durable);
    // Keep at most `window` commands un-acknowledged, like a gateway with many clients waiting.
    if (journal.lastSeq - journal.durableSeq >= window) await pending.shift();
  }
  await journal.flush();
  const writeSeconds = (performance.now() - started) / 1000;
  await journal.close();
  const fileBytes = (await stat(path)).size;

  // The journal's own share of replay: read, CRC check and decode, with no engine.
  const decodeStarted = performance.now();
  let decoded = 0;
  const scanned = await JournalFile.open(path, { replay: { fromSeq: 1, visit: (_seq, _time, buf, start, end) => void (decoded += decodeCommand(buf, start, end).ts > 0 ? 1 : 0) } });
  const decodeSeconds = (performance.now() - decodeStarted) / 1000;
  await scanned.close();

  const replayStarted = performance.now();
  const engine = new Engine();
  const reopened = await JournalFile.open(path, {
    replay: { fromSeq: 1, visit: (_seq, _time, buf, start, end) => engine.replay(decodeCommand(buf, start, end)) },
  });
  const replaySeconds = (performance.now() - replayStarted) / 1000;
  await reopened.close();
  await rm(path, { force: true });
  return {
    journal_cmds_s: Math.round(commands.length / writeSeconds),
    replay_cmds_s: Math.round(commands.length / replaySeconds),
    decode_cmds_s: Math.round(commands.length / decodeSeconds),
    commands: commands.length,
    bytes_per_cmd: Math.round((fileBytes / Math.max(1, commands.length)) * 10) / 10,
    fsyncs,
    avg_batch: Math.round(commands.length / Math.max(1, fsyncs)),
    replay_state_hash: engine.stateHash(),
  };
}

/** Shape of the generated market: one instrument, `accounts` funded traders. */
export interface WorkloadOptions {
  seed: number;
  count: number;
  accounts?: number;
  /** First command time; each command is 1 ms later. */
  startTs?: number;
}

/**
 * A seeded, realistic command stream: listing and funding, then mostly limit orders near the mid
 * (so many cross), cancels by client order id, some market/IOC orders, replaces, transfers and
 * time ticks. Deterministic for a seed; fully valid for a fresh engine (rejections are part of it).
 */
export function generateCommands(options: WorkloadOptions): Command[] {
  const rng = new SeededRandom(options.seed);
  const accounts = options.accounts ?? 100;
  let ts = options.startTs ?? 1_700_000_000_000;
  const out: Command[] = [
    { type: 'addAsset', ts, asset: { code: 'USD', scale: 2 } },
    { type: 'addAsset', ts, asset: { code: 'ABC', scale: 0 } },
    {
      type: 'addInstrument',
      ts,
      instrument: { symbol: 'ABC-USD', base: 'ABC', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 1, takerFeeBps: 3, referencePrice: '100', bandBps: 1000 },
    },
  ];
  for (let a = 1; a <= accounts && out.length < options.count; a++) {
    out.push({ type: 'openAccount', ts, accountId: a });
    out.push({ type: 'deposit', ts, accountId: a, asset: 'USD', amount: 1_000_000_000_000 });
    out.push({ type: 'deposit', ts, accountId: a, asset: 'ABC', amount: 100_000_000 });
  }
  // Orders that may still rest, as [account, client id], oldest first from `head`. Cancels pick
  // among the oldest thousand, so the book stays at a realistic size instead of growing forever.
  const live: Array<[number, string]> = [];
  let head = 0;
  let placed = 0;
  while (out.length < options.count) {
    ts += 1;
    const accountId = rng.int(1, accounts);
    const roll = rng.next();
    if (roll < 0.45) {
      const clientOrderId = `c${++placed}`;
      const side = rng.next() < 0.5 ? 'buy' : 'sell';
      const price = 10_000 + (side === 'buy' ? -1 : 1) * rng.int(-5, 60);
      out.push({ type: 'placeOrder', ts, order: { accountId, symbol: 'ABC-USD', clientOrderId, side, type: 'limit', qty: rng.int(1, 100), price, tif: rng.next() < 0.9 ? 'gtc' : 'ioc' } });
      live.push([accountId, clientOrderId]);
    } else if (roll < 0.85 && head < live.length) {
      const at = head + rng.int(0, Math.min(999, live.length - head - 1));
      const [owner, clientOrderId] = live[at] as [number, string];
      live[at] = live[head] as [number, string];
      head++;
      if (head > 65_536) {
        live.splice(0, head);
        head = 0;
      }
      out.push({ type: 'cancelOrder', ts, accountId: owner, clientOrderId });
    } else if (roll < 0.9) {
      out.push({ type: 'placeOrder', ts, order: { accountId, symbol: 'ABC-USD', side: rng.next() < 0.5 ? 'buy' : 'sell', type: 'market', qty: rng.int(1, 20) } });
    } else if (roll < 0.94) {
      out.push({ type: 'replaceOrder', ts, accountId, orderId: rng.int(Math.max(1, placed - 2000), placed + 1), qty: rng.int(1, 50) });
    } else if (roll < 0.97) {
      out.push({ type: 'deposit', ts, accountId, asset: 'USD', amount: rng.int(1, 1_000_000) });
    } else if (roll < 0.99) {
      out.push({ type: 'withdraw', ts, accountId, asset: 'USD', amount: rng.int(1, 100_000) });
    } else {
      out.push({ type: 'advanceTime', ts });
    }
  }
  return out;
}
