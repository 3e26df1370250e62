// Periodic snapshots taken on a worker thread from a replica engine, so the engine's own thread never pauses for them.
import type { Worker } from 'node:worker_threads';

/** What the worker starts with: where the journal is, how far it is durable, and how often to snapshot. */
export interface SnapshotThreadData {
  readonly dir: string;
  readonly journalFile: string;
  readonly durableSeq: number;
  readonly durableBytes: number;
  /**
   * The snapshot the engine recovered from, and where in the journal the records after it start:
   * a replica that loads the same snapshot reads on from there rather than from the file's start.
   */
  readonly snapshotSeq: number;
  readonly resume: { readonly offset: number; readonly seqBefore: number };
  readonly every: number;
  readonly keep: number;
}

export type SnapshotThreadRequest = { readonly kind: 'durable'; readonly bytes: number } | { readonly kind: 'close' };

export type SnapshotThreadReply =
  | { readonly kind: 'snapshot'; readonly seq: number; readonly bytes: number; readonly ms: number }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'closed' };

/** Starts a module as a worker thread; the caller knows how (compiled output, or TypeScript through a loader). */
export type SpawnWorker = (entry: URL, workerData: SnapshotThreadData) => Worker;

/** The worker's entry module, for the caller's `SpawnWorker`. */
export const SNAPSHOT_WORKER_ENTRY = new URL('./snapshot-worker.ts', import.meta.url);

export interface SnapshotThreadEvents {
  onSnapshot(info: { seq: number; bytes: number; ms: number }): void;
  /** The thread is gone (an error, or it exited); periodic snapshots go back to the engine's thread. */
  onLost(reason: string): void;
}

/**
 * The worker keeps an engine of its own that replays the journal file as it becomes durable (the
 * same decode and replay as recovery, so by determinism it holds the live engine's state at every
 * seq it reaches), and writes its snapshots. The live engine's thread only announces how many
 * bytes are durable. Costs: a second copy of the engine state in memory, and the replay's CPU on
 * another core.
 */
export class SnapshotThread {
  private lost = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly events: SnapshotThreadEvents,
  ) {
    worker.unref();
    worker.on('message', (reply: SnapshotThreadReply) => {
      if (reply.kind === 'snapshot') events.onSnapshot(reply);
      else if (reply.kind === 'failed') this.lose(reply.error);
    });
    worker.on('error', (error) => this.lose(String(error)));
    worker.on('exit', (code) => this.lose(`the snapshot thread exited with code ${code}`));
  }

  get alive(): boolean {
    return !this.lost;
  }

  /** The journal is durable through `bytes`; the replica follows in its own time. */
  durable(bytes: number): void {
    if (!this.lost && !this.closing) this.worker.postMessage({ kind: 'durable', bytes } satisfies SnapshotThreadRequest);
  }

  /** Lets a snapshot being written finish, then ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.lost) return;
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      // Referenced until it is gone, or an otherwise idle process could exit first.
      this.worker.ref();
      this.worker.postMessage({ kind: 'close' } satisfies SnapshotThreadRequest);
      await exited;
    })();
    return this.closing;
  }

  private lose(reason: string): void {
    if (this.lost) return;
    this.lost = true;
    if (!this.closing) {
      this.events.onLost(reason);
      void this.worker.terminate();
    }
  }
}
