// Engine snapshots on disk: atomic write (temp file, fsync, rename, fsync dir), retention, newest-valid loading.
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalLogger } from './journal-file.ts';
import { syncDir } from './journal-file.ts';

/** What one snapshot file holds: the engine state right after command `seq` was applied. */
export interface SnapshotData<E> {
  seq: number;
  stateHash: string;
  engine: E;
}

export interface SnapshotStoreOptions {
  /** How many snapshot files to keep (newest first); at least 1. */
  keep?: number;
  logger?: JournalLogger;
}

const NAME = /^snapshot-(\d{16})\.json$/;
const TEMP_SUFFIX = '.tmp';

function fileName(seq: number): string {
  return `snapshot-${String(seq).padStart(16, '0')}.json`;
}

/**
 * Invariants: a file named snapshot-<seq>.json is either absent or complete and durable, because it
 * only ever appears by rename of an fsynced temp file; names sort by seq; the store never holds a
 * snapshot whose seq the journal has not made durable (the caller waits for that before `write`).
 */
export class SnapshotStore {
  private readonly keep: number;
  private readonly logger: JournalLogger | undefined;

  constructor(
    readonly dir: string,
    options: SnapshotStoreOptions = {},
  ) {
    this.keep = Math.max(1, options.keep ?? 3);
    this.logger = options.logger;
  }

  /** Serialises a snapshot. Call it at the moment of the cut: `engine` may be live data that changes right after. */
  prepare<E>(data: SnapshotData<E>): string {
    return JSON.stringify({ seq: data.seq, stateHash: data.stateHash, engine: data.engine });
  }

  /** Writes prepared text as the snapshot of `seq` and prunes old ones; returns the bytes written. */
  async writePrepared(seq: number, text: string): Promise<number> {
    const name = fileName(seq);
    const temp = join(this.dir, name + TEMP_SUFFIX);
    const fh = await open(temp, 'w');
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, join(this.dir, name));
    await syncDir(this.dir);
    await this.prune();
    return Buffer.byteLength(text);
  }

  async write<E>(data: SnapshotData<E>): Promise<number> {
    return this.writePrepared(data.seq, this.prepare(data));
  }

  /** Snapshot seqs on disk, newest first. */
  async list(): Promise<number[]> {
    const names = await readdir(this.dir);
    const seqs: number[] = [];
    for (const name of names) {
      const match = NAME.exec(name);
      if (match) seqs.push(Number(match[1]));
    }
    return seqs.sort((a, b) => b - a);
  }

  /**
   * Tries snapshots from newest to oldest, skipping any with seq > maxSeq, and returns the first
   * that parses and that `accept` takes (it restores and verifies; a throw rejects the snapshot).
   * Each rejected snapshot is reported as a warning. Undefined means: replay the whole journal.
   */
  async loadNewest<E, R>(accept: (data: SnapshotData<E>) => R, maxSeq = Infinity): Promise<{ data: SnapshotData<E>; result: R } | undefined> {
    for (const seq of await this.list()) {
      if (seq > maxSeq) continue;
      const path = join(this.dir, fileName(seq));
      try {
        const data = parseSnapshot<E>(await readFile(path, 'utf8'), seq);
        return { data, result: accept(data) };
      } catch (error) {
        this.logger?.warn('snapshot unusable; falling back to an older one or to a full replay', { path, seq, error: String(error) });
      }
    }
    return undefined;
  }

  /** Removes temp files left by a crash mid-write; they were never renamed, so nothing refers to them. */
  async removeTemps(): Promise<void> {
    for (const name of await readdir(this.dir)) {
      if (name.startsWith('snapshot-') && name.endsWith(TEMP_SUFFIX)) await unlink(join(this.dir, name)).catch(() => undefined);
    }
  }

  private async prune(): Promise<void> {
    const seqs = await this.list();
    for (const seq of seqs.slice(this.keep)) await unlink(join(this.dir, fileName(seq))).catch(() => undefined);
  }
}

function parseSnapshot<E>(text: string, seq: number): SnapshotData<E> {
  const value = JSON.parse(text) as Partial<SnapshotData<E>>;
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  if (value.seq !== seq) throw new Error(`file name says seq ${seq}, content says ${String(value.seq)}`);
  if (typeof value.stateHash !== 'string') throw new Error('stateHash missing');
  if (typeof value.engine !== 'object' || value.engine === null) throw new Error('engine state missing');
  return { seq, stateHash: value.stateHash, engine: value.engine };
}
