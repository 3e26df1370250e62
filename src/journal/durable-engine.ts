// The durable engine: journal first, apply at once, acknowledge after fsync; snapshots; crash recovery on open.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import type { OrderBookFactory } from '../engine/book/order-book.ts';
import { Engine, type EngineSnapshot } from '../engine/engine.ts';
import { decodeCommand } from './command-codec.ts';
import { DirectoryLock } from './dir-lock.ts';
import { JournalFile, syncDir, type JournalLogger, type JournalMetrics } from './journal-file.ts';
import { SnapshotStore, type SnapshotData } from './snapshot-store.ts';
import { SNAPSHOT_WORKER_ENTRY, SnapshotThread, type SpawnWorker } from './snapshot-thread.ts';

export const JOURNAL_FILE = 'journal.bin';
/**
 * Commands between periodic snapshots. Replay runs at over a million commands a second, so recovery
 * replays under a second; a snapshot's cost grows with the state (a few hundred thousand resting
 * orders take over a second of CPU to write), so taking them ten times as often cost more than it saved.
 */
export const DEFAULT_SNAPSHOT_EVERY = 1_000_000;

export interface SnapshotInfo {
  seq: number;
  bytes: number;
  /** From taking the state to the renamed file being durable. */
  ms: number;
}

export interface RecoveryReport {
  /** Seq of the snapshot recovery started from; 0 means a full replay. */
  snapshotSeq: number;
  /** Journal records replayed on top of the snapshot. */
  replayed: number;
  lastSeq: number;
  truncatedBytes: number;
  ms: number;
  stateHash: string;
}

/** Optional hooks; no metrics library is needed here. `onCommit` reports fsync time, batch size and ack lag. */
export interface DurableMetrics extends JournalMetrics {
  onSnapshot?(info: SnapshotInfo): void;
  onRecovery?(report: RecoveryReport): void;
}

export interface DurableEngineOptions {
  dir: string;
  /** Write a snapshot every this many commands (0: only at close). Default DEFAULT_SNAPSHOT_EVERY. */
  snapshotEvery?: number;
  /** Snapshot files kept. Default 3. */
  keepSnapshots?: number;
  bookFactory?: OrderBookFactory;
  logger?: JournalLogger;
  metrics?: DurableMetrics;
  /** Journal record timestamps. Commands carry their own `ts`; this is only the time of writing. */
  clock?: () => number;
  onCorruption?: 'refuse' | 'truncate';
  /**
   * For a consumer of events (read models) that is durable through journal seq `afterSeq`:
   * recovery starts from a snapshot no newer than that, replays quietly up to it, and hands the
   * events of every later record to `onEvents`, so the consumer catches up with nothing lost; the
   * engine it is given is as it was right after that record (for reading only).
   */
  catchUp?: { afterSeq: number; onEvents(seq: number, events: EngineEvent[], engine: Engine): void };
  /**
   * Takes the periodic snapshots on a worker thread (see snapshot-thread.ts) started with this, so
   * no command waits for one; the snapshot at close and after a long recovery stay on this thread.
   * Without it (or with a custom bookFactory, which cannot cross threads) every snapshot is taken
   * here, between two commands.
   */
  snapshotThread?: SpawnWorker;
}

/** The engine a snapshot holds, checked: its state hash must be the recorded one and its invariants hold. */
export function restoreEngine(data: SnapshotData<EngineSnapshot>, options: { bookFactory?: OrderBookFactory } = {}): Engine {
  const engine = Engine.restore(data.engine, options);
  const hash = engine.stateHash();
  if (hash !== data.stateHash) throw new Error(`restored state hash ${hash} differs from the recorded ${data.stateHash}`);
  engine.validate();
  return engine;
}

/** A command journaled and applied: its events now, and a promise that it is durable. */
export interface Execution {
  readonly seq: number;
  readonly events: EngineEvent[];
  readonly durable: Promise<void>;
}

/**
 * Owns one engine and its journal directory. Invariants:
 * - every command is journaled (seq assigned) before it is applied, and applied in seq order;
 * - a submit resolves only once its record is fsynced, so an acknowledged command survives kill -9;
 * - engine state after recovery equals a replay of every journaled command into a fresh engine;
 * - a snapshot at seq N is written only after the journal is durable through N.
 */
export class DurableEngine {
  private closing = false;
  private closed: Promise<void> | undefined;
  private failed: Error | undefined;
  private snapshotting: Promise<void> | undefined;
  private lastSnapshotSeq: number;
  private thread: SnapshotThread | undefined;

  private constructor(
    private readonly live: Engine,
    private readonly journal: JournalFile,
    private readonly snapshots: SnapshotStore,
    private readonly lock: DirectoryLock,
    private readonly options: DurableEngineOptions,
    readonly recovery: RecoveryReport,
  ) {
    this.lastSnapshotSeq = recovery.snapshotSeq;
  }

  /**
   * Recovers: newest valid snapshot (state hash and invariants checked), then the journal tail
   * replayed through `engine.replay` (apply without building events) while the open scan checks
   * each record, then `validate()`.
   */
  static async open(options: DurableEngineOptions): Promise<DurableEngine> {
    const started = performance.now();
    // A new directory's own entry must be durable too, or a crash could lose the whole journal.
    if ((await mkdir(options.dir, { recursive: true })) !== undefined) await syncDir(dirname(options.dir));
    const lock = await DirectoryLock.acquire(options.dir);
    try {
      const engineOptions = { bookFactory: options.bookFactory };
      const snapshots = new SnapshotStore(options.dir, { keep: options.keepSnapshots, logger: options.logger });
      await snapshots.removeTemps();
      const catchUp = options.catchUp;
      const loaded = await snapshots.loadNewest((data: SnapshotData<EngineSnapshot>) => restoreEngine(data, engineOptions), catchUp?.afterSeq);
      const engine = loaded?.result ?? new Engine(engineOptions);
      const snapshotSeq = loaded?.data.seq ?? 0;
      let replayed = 0;
      let afterCommit: (() => void) | undefined;
      const journal = await JournalFile.open(join(options.dir, JOURNAL_FILE), {
        logger: options.logger,
        metrics: {
          onCommit: (info) => {
            options.metrics?.onCommit?.(info);
            afterCommit?.();
          },
        },
        clock: options.clock,
        onCorruption: options.onCorruption,
        // Nothing is cut unless the journal still reaches the snapshot and the consumer's watermark.
        mustReach:
          (catchUp?.afterSeq ?? 0) > snapshotSeq
            ? { seq: catchUp?.afterSeq ?? 0, holder: 'the read models (the event store)' }
            : { seq: snapshotSeq, holder: `snapshot ${snapshotSeq}` },
        replay: {
          fromSeq: snapshotSeq + 1,
          // The path normal operation uses: decode, then the engine's apply logic; only building the
          // events is skipped, since they were published before the crash and nobody reads them here.
          visit: (seq, _time, bytes, start, end) => {
            try {
              const command = decodeCommand(bytes, start, end);
              if (catchUp && seq > catchUp.afterSeq) catchUp.onEvents(seq, engine.apply(command), engine);
              else engine.replay(command);
            } catch (error) {
              throw new Error(`replay failed at journal seq ${seq}`, { cause: error });
            }
            replayed++;
          },
        },
      });
      try {
        if (journal.lastSeq < snapshotSeq) {
          throw new Error(
            `snapshot ${snapshotSeq} is ahead of the journal, which ends at seq ${journal.lastSeq}: ` +
              'durable records are missing from the journal; restore it from a backup instead of starting',
          );
        }
        engine.validate();
        const report: RecoveryReport = {
          snapshotSeq,
          replayed,
          lastSeq: journal.lastSeq,
          truncatedBytes: journal.report.truncatedBytes,
          ms: performance.now() - started,
          stateHash: engine.stateHash(),
        };
        const durable = new DurableEngine(engine, journal, snapshots, lock, options, report);
        if (options.snapshotThread && durable.snapshotEvery > 0 && !options.bookFactory) {
          durable.startThread(options.snapshotThread);
          // Announced at most every 100 ms (each message wakes the other thread); a commit inside
          // that interval is announced when it ends, so the replica never waits for the next one.
          let announcedAt = -Infinity;
          let later: NodeJS.Timeout | undefined;
          const announce = (): void => {
            later = undefined;
            announcedAt = performance.now();
            durable.thread?.durable(journal.durableBytes);
          };
          afterCommit = () => {
            const wait = announcedAt + 100 - performance.now();
            if (wait <= 0) announce();
            else later ??= setTimeout(announce, wait).unref();
          };
        }
        options.metrics?.onRecovery?.(report);
        // A long replay is worth saving at once, so the next start does not repeat it.
        if (durable.snapshotEvery > 0 && replayed >= durable.snapshotEvery) durable.startSnapshot();
        return durable;
      } catch (error) {
        await journal.close();
        throw error;
      }
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** The live engine, for queries. Never call `apply` on it directly: that would bypass the journal. */
  get engine(): Engine {
    return this.live;
  }

  /** Seq of the last command submitted. */
  get lastSeq(): number {
    return this.journal.lastSeq;
  }

  /** Seq up to which commands are durable (and acknowledged). */
  get durableSeq(): number {
    return this.journal.durableSeq;
  }

  stateHash(): string {
    return this.live.stateHash();
  }

  /**
   * Why no command can be taken any more: the journal failed (a write or sync: a full disk, an I/O
   * error) or an engine invariant broke. Undefined while healthy. Only a restart clears it.
   */
  get failure(): Error | undefined {
    return this.failed ?? this.journal.failed;
  }

  /**
   * Journals the command, applies it at once (the engine is deterministic, so the outcome is the
   * same as after the sync) and resolves with its events once the record is durable. Applied in
   * call order. Rejects without any effect when the command cannot be encoded.
   */
  submit(command: Command): Promise<EngineEvent[]> {
    let execution: Execution;
    try {
      execution = this.execute(command);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return execution.durable.then(() => execution.events);
  }

  /**
   * The synchronous half of `submit`: journals and applies the command and returns its events at
   * once, for callers that must see them in apply order (read models, feeds). Nothing may be
   * published or acknowledged before `durable` resolves. Throws when the command cannot be
   * encoded (nothing changed) or when the engine has failed.
   */
  execute(command: Command): Execution {
    const failure = this.failure;
    if (failure) throw failure;
    if (this.closing) throw new Error('durable engine is closing');
    const entry = this.journal.enqueue(command);
    let events: EngineEvent[];
    try {
      events = this.live.apply(command);
    } catch (error) {
      // An engine invariant broke: state may be half-changed, so stop taking commands (fail fast).
      // A bug, not bad input: the journal holds the command and a restart will stop at the same seq.
      this.failed = new Error(`engine invariant broken applying journal seq ${entry.seq}; this is a bug, please report it with the journal`, { cause: error });
      throw this.failed;
    }
    if (this.snapshotEvery > 0 && entry.seq - this.lastSnapshotSeq >= this.snapshotEvery && !this.thread?.alive) this.startSnapshot();
    return { seq: entry.seq, events, durable: entry.durable };
  }

  /** Takes a snapshot of the current state now and resolves once it is on disk. */
  async snapshot(): Promise<void> {
    // A failed engine's state must never become a snapshot.
    const failure = this.failure;
    if (failure) throw failure;
    await this.snapshotting;
    this.startSnapshot();
    await this.snapshotting;
  }

  /**
   * Stops taking commands, makes everything durable, writes a final snapshot, closes the files.
   * After a failure (see `failure`) it only closes the files: nothing more is flushed and no
   * snapshot is written, so the next start recovers from what the journal holds on disk.
   */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    try {
      // A failed journal has nothing more to flush; closing it must still release the files and the lock.
      await this.journal.flush().catch((error: unknown) => {
        if (!this.journal.failed) throw error;
      });
      await this.thread?.close();
      await this.snapshotting;
      if (!this.failure && this.journal.lastSeq > this.lastSnapshotSeq) {
        this.startSnapshot();
        await this.snapshotting;
      }
    } finally {
      await this.journal.close().catch(() => undefined);
      await this.lock.release();
    }
  }

  private startThread(spawn: SpawnWorker): void {
    const worker = spawn(SNAPSHOT_WORKER_ENTRY, {
      dir: this.options.dir,
      journalFile: JOURNAL_FILE,
      durableSeq: this.journal.durableSeq,
      durableBytes: this.journal.durableBytes,
      snapshotSeq: this.recovery.snapshotSeq,
      resume: this.journal.startOf(this.recovery.snapshotSeq + 1),
      every: this.snapshotEvery,
      keep: this.options.keepSnapshots ?? 3,
    });
    this.thread = new SnapshotThread(worker, {
      onSnapshot: (info) => {
        this.lastSnapshotSeq = Math.max(this.lastSnapshotSeq, info.seq);
        this.options.metrics?.onSnapshot?.(info);
      },
      onLost: (reason) => this.options.logger?.warn('the snapshot thread stopped; periodic snapshots are taken on the engine thread again', { reason }),
    });
  }

  private get snapshotEvery(): number {
    return this.options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  }

  /**
   * Captures the state synchronously (a consistent cut at lastSeq), then waits for the journal to
   * be durable through that seq before the file may appear. One snapshot at a time; a due snapshot
   * that finds one running is taken by a later submit.
   */
  private startSnapshot(): void {
    if (this.snapshotting) return;
    const started = performance.now();
    const seq = this.journal.lastSeq;
    this.lastSnapshotSeq = seq;
    let text: string;
    try {
      text = this.snapshots.prepare<EngineSnapshot>({ seq, stateHash: this.live.stateHash(), engine: this.live.snapshot() });
    } catch (error) {
      this.options.logger?.warn('snapshot could not be taken', { seq, error: String(error) });
      return;
    }
    this.snapshotting = (async () => {
      try {
        await this.journal.flush();
        const bytes = await this.snapshots.writePrepared(seq, text);
        this.options.metrics?.onSnapshot?.({ seq, bytes, ms: performance.now() - started });
      } catch (error) {
        // A missed snapshot only makes the next recovery longer; the journal still has everything.
        this.options.logger?.warn('snapshot failed', { seq, error: String(error) });
      } finally {
        this.snapshotting = undefined;
      }
    })();
  }
}
