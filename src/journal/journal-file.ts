// Append-only command journal in one file: recovery scan, gap-free seq, pipelined group commit with fdatasync.
import { writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from '../core/commands.ts';
import { ByteWriter } from './byte-io.ts';
import { decodeCommand } from './command-codec.ts';
import { findIntactRecord, RecordWalker, writeRecord, type RecordVisitor } from './record-format.ts';

/** Where the journal reports what it repaired. Tests inject a collector; production passes its logger. */
export interface JournalLogger {
  warn(message: string, context?: Record<string, unknown>): void;
}

/** One group commit: records and bytes it carried, time spent in write and in fdatasync, and how long its oldest record waited. */
export interface CommitInfo {
  records: number;
  bytes: number;
  writeMs: number;
  syncMs: number;
  /** From the first append of the batch until it was durable: the worst acknowledgement latency in it. */
  lagMs: number;
}

export interface JournalMetrics {
  onCommit?(info: CommitInfo): void;
}

export interface JournalOptions {
  logger?: JournalLogger;
  metrics?: JournalMetrics;
  /** Record timestamps (ms since the epoch). Injected so tests can pin them. */
  clock?: () => number;
  /**
   * 'refuse' (default): damage followed by an intact record stops the open, because acknowledged
   * commands would be lost. 'truncate' is the operator's explicit repair: cut at the damage.
   */
  onCorruption?: 'refuse' | 'truncate';
  /**
   * The seq the journal must still reach after any cut, and what already holds the records up to
   * it (a snapshot, the read models). A cut (torn tail or requested) that would leave the journal
   * short of it is refused before the file is touched: those records were acknowledged.
   */
  mustReach?: { seq: number; holder: string };
  /** One-pass recovery: visit every valid record with seq >= fromSeq while the open scan checks it. */
  replay?: { fromSeq: number; visit: RecordVisitor };
}

export interface JournalOpenReport {
  records: number;
  bytes: number;
  /** Bytes of torn tail (or of cut damage in 'truncate' mode) removed during the open. */
  truncatedBytes: number;
}

export interface JournalRecord {
  seq: number;
  time: number;
  command: Command;
}

/** The journal cannot be opened safely: intact records follow damaged bytes. */
export class JournalCorruptError extends Error {
  override name = 'JournalCorruptError';
  constructor(
    message: string,
    readonly offset: number,
    readonly expectedSeq: number,
  ) {
    super(message);
  }
}

/**
 * A write or fdatasync of the journal failed (a full disk, an I/O error). Nothing more can be
 * acknowledged in this process: what was synced before stays on disk, and a restart recovers it.
 */
export class JournalFailedError extends Error {
  override name = 'JournalFailedError';
  constructor(
    readonly path: string,
    /** The seq through which records were durable when the journal failed. */
    readonly durableSeq: number,
    cause: unknown,
  ) {
    super(`journal ${path} failed; restart and recover: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

interface Batch {
  lastSeq: number;
  records: number;
  firstAppendAt: number;
  durable: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Every this many records the sparse index keeps a file offset, so reads from a seq start near it. */
const INDEX_EVERY = 1024;
const noop = (): void => undefined;

/**
 * Invariants: records on disk carry seq 1..lastSeq with no gaps, in file order; every promise
 * returned for a record resolves only after an fdatasync that covers it; at most one write+sync is
 * in flight, and records appended meanwhile wait in the other buffer for the next one.
 */
export class JournalFile {
  private active = new ByteWriter(1 << 20);
  private spare = new ByteWriter(1 << 20);
  /** Records appended since the last write started; they go out together in the next write. */
  private batch: Batch | undefined;
  /** The batch being written and synced right now. */
  private inFlight: Batch | undefined;
  private flushing = false;
  private failure: JournalFailedError | undefined;
  private closed = false;
  private seq: number;
  private synced: number;
  private fileEnd: number;
  private appendOffset: number;
  private readonly index: number[];
  private readonly clock: () => number;
  private readonly metrics: JournalMetrics;

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    scan: { seq: number; end: number; index: number[] },
    options: JournalOptions,
    readonly report: JournalOpenReport,
  ) {
    this.seq = this.synced = scan.seq;
    this.fileEnd = this.appendOffset = scan.end;
    this.index = scan.index;
    this.clock = options.clock ?? Date.now;
    this.metrics = options.metrics ?? {};
  }

  /** Opens or creates the journal, checking every record; repairs a torn tail, refuses mid-file damage. */
  static async open(path: string, options: JournalOptions = {}): Promise<JournalFile> {
    await createIfMissing(path);
    const fh = await open(path, 'r+');
    try {
      const size = (await fh.stat()).size;
      const index: number[] = [];
      const replay = options.replay;
      const walker = new RecordWalker(fh, size, 0, 0);
      const visit: RecordVisitor = (seq, time, bytes, start, end) => {
        if ((seq - 1) % INDEX_EVERY === 0) index.push(walker.offset);
        if (replay && seq >= replay.fromSeq) replay.visit(seq, time, bytes, start, end);
      };
      while (await walker.step(visit));
      let truncatedBytes = 0;
      const bad = walker.bad;
      if (bad) {
        const expected = walker.seq + 1;
        const intact = bad.foundSeq !== undefined ? bad.offset : await findIntactRecord(fh, bad.offset + 1, size);
        const where = `byte offset ${bad.offset}, where record seq ${expected} was expected (${bad.reason})`;
        const must = options.mustReach;
        // Checked before anything is cut: a journal cut short of what a snapshot or the read models
        // already hold has lost acknowledged records for good, and could not start anyway.
        if (must && walker.seq < must.seq) {
          throw new JournalCorruptError(
            `journal ${path} is damaged at ${where}${intact >= 0 ? `, and an intact record follows at byte offset ${intact}` : ''}. ` +
              `${must.holder} already holds records through seq ${must.seq}, so cutting at the damage would leave the journal at seq ${walker.seq}, ` +
              `behind it, and lose the acknowledged records from seq ${expected} on. The file was not changed, and --truncate-damaged-journal cannot repair it: ` +
              'restore the journal from a backup (keep a copy of the damaged file)',
            bad.offset,
            expected,
          );
        }
        if (intact >= 0 && options.onCorruption !== 'truncate') {
          throw new JournalCorruptError(
            `journal ${path} is damaged at ${where}, and an intact record follows at byte offset ${intact}: ` +
              'refusing to open, because cutting there would lose records that may have been acknowledged. The file was not changed. ' +
              `Restore it from a backup, or, to give up the records from seq ${expected} on, start once with --truncate-damaged-journal, ` +
              `which cuts it at byte offset ${bad.offset} (the journal then ends at seq ${walker.seq})`,
            bad.offset,
            expected,
          );
        }
        truncatedBytes = size - bad.offset;
        await fh.truncate(bad.offset);
        await fh.sync();
        options.logger?.warn(intact >= 0 ? 'journal damage cut on request; later records were dropped' : 'journal torn tail truncated', {
          path,
          offset: bad.offset,
          expectedSeq: expected,
          reason: bad.reason,
          truncatedBytes,
          lastSeq: walker.seq,
        });
      }
      // Always, not only when this open created the file: a crash may have come between an earlier
      // creation and its directory sync, and the entry must be durable before anything is acknowledged.
      await syncDir(dirname(path));
      const report = { records: walker.seq, bytes: walker.offset, truncatedBytes };
      return new JournalFile(path, fh, { seq: walker.seq, end: walker.offset, index }, options, report);
    } catch (error) {
      await fh.close();
      throw error;
    }
  }

  /** Last seq handed out; that record may not be durable yet. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Why the journal stopped taking records, once a write or sync has failed; undefined while it is healthy. */
  get failed(): JournalFailedError | undefined {
    return this.failure;
  }

  /** Highest seq covered by a completed fdatasync. */
  get durableSeq(): number {
    return this.synced;
  }

  /** File size through record `durableSeq`: every byte before it is synced. */
  get durableBytes(): number {
    return this.fileEnd;
  }

  /**
   * Assigns the next seq and buffers the record. `durable` resolves once a sync covers it; it is
   * shared by the whole batch, so many appends cost one promise. Throws if the journal has failed.
   */
  enqueue(command: Command): { seq: number; durable: Promise<void> } {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error('journal is closed');
    const seq = this.seq + 1;
    const start = this.active.pos;
    const now = this.clock();
    writeRecord(this.active, seq, now > 0 ? Math.floor(now) : 0, command);
    this.seq = seq;
    if ((seq - 1) % INDEX_EVERY === 0) this.index.push(this.appendOffset);
    this.appendOffset += this.active.pos - start;
    const batch = this.batch ?? this.openBatch();
    batch.lastSeq = seq;
    batch.records++;
    return { seq, durable: batch.durable };
  }

  /** Appends one command; resolves with its seq once it is durable. */
  async append(command: Command): Promise<number> {
    const { seq, durable } = this.enqueue(command);
    await durable;
    return seq;
  }

  /** Resolves when everything appended so far is durable. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    // Batches complete in order, so the newest one pending covers everything before it.
    const newest = this.batch ?? this.inFlight;
    if (newest) await newest.durable;
  }

  /** Reads durable records with seq >= fromSeq, in order, checking each one. */
  async *records(fromSeq = 1): AsyncGenerator<JournalRecord> {
    const start = this.startOf(fromSeq);
    const walker = new RecordWalker(this.fh, this.fileEnd, start.offset, start.seqBefore);
    const out: JournalRecord[] = [];
    const visit: RecordVisitor = (seq, time, bytes, start, end) => {
      if (seq >= fromSeq) out.push({ seq, time, command: decodeCommand(bytes, start, end) });
    };
    let more = true;
    while (more) {
      more = await walker.step(visit);
      yield* out;
      out.length = 0;
    }
    if (walker.bad) {
      throw new JournalCorruptError(`journal ${this.path} changed under us at byte offset ${walker.bad.offset}: ${walker.bad.reason}`, walker.bad.offset, walker.seq + 1);
    }
  }

  /**
   * Where a reader wanting records from `fromSeq` on starts: the offset of an indexed record at or
   * before it, and the seq of the record before that offset (0 at the start of the file).
   */
  startOf(fromSeq: number): { offset: number; seqBefore: number } {
    const slot = Math.min(Math.floor((Math.max(fromSeq, 1) - 1) / INDEX_EVERY), this.index.length - 1);
    return slot >= 0 ? { offset: this.index[slot] ?? 0, seqBefore: slot * INDEX_EVERY } : { offset: 0, seqBefore: 0 };
  }

  /** Flushes what is buffered, then closes the file. Later appends throw. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      await this.fh.close();
    }
  }

  private openBatch(): Batch {
    let resolve: () => void = noop;
    let reject: (error: Error) => void = noop;
    const durable = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A batch nobody awaits must not crash the process with an unhandled rejection; awaiters still see it.
    durable.catch(noop);
    const batch: Batch = { lastSeq: 0, records: 0, firstAppendAt: performance.now(), durable, resolve, reject };
    this.batch = batch;
    // Deferred to a microtask so a synchronous burst of appends becomes one write.
    if (!this.flushing) {
      this.flushing = true;
      queueMicrotask(() => void this.flushLoop());
    }
    return batch;
  }

  /** The single writer: takes the buffered batch, writes it in one call, syncs, acknowledges, repeats. */
  private async flushLoop(): Promise<void> {
    try {
      while (this.batch) {
        const batch = this.batch;
        const writer = this.active;
        this.inFlight = batch;
        this.batch = undefined;
        this.active = this.spare;
        const t0 = performance.now();
        // Synchronous: a write into the page cache takes microseconds, and a thread-pool round trip
        // here would add a turn of a busy event loop to every group commit's latency.
        writeFully(this.fh.fd, writer.buf, writer.pos, this.fileEnd);
        const t1 = performance.now();
        await this.fh.datasync();
        const t2 = performance.now();
        this.fileEnd += writer.pos;
        this.synced = batch.lastSeq;
        const bytes = writer.pos;
        writer.reset();
        this.spare = writer;
        batch.resolve();
        this.metrics.onCommit?.({ records: batch.records, bytes, writeMs: t1 - t0, syncMs: t2 - t1, lagMs: t2 - batch.firstAppendAt });
      }
    } catch (error) {
      // After a failed write or fsync the page cache can no longer be trusted (the "fsyncgate" lesson):
      // fail everything pending and every later append; recovery from disk is the only way on.
      this.failure = new JournalFailedError(this.path, this.synced, error);
      this.inFlight?.reject(this.failure);
      this.batch?.reject(this.failure);
      this.batch = undefined;
    } finally {
      this.flushing = false;
      this.inFlight = undefined;
    }
  }
}

function writeFully(fd: number, buf: Buffer, size: number, position: number): void {
  let done = 0;
  while (done < size) done += writeSync(fd, buf, done, size - done, position + done);
}

/** Creates an empty journal file when none exists; reports whether it did. */
async function createIfMissing(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'wx');
    await fh.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Makes a created or renamed directory entry durable (fsync on the directory itself). */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
