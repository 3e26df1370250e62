// Worker thread entry of the snapshot thread: a replica engine that follows the durable journal and writes the periodic snapshots.
import { readlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, type EngineSnapshot } from '../engine/engine.ts';
import { decodeCommand } from './command-codec.ts';
import { restoreEngine } from './durable-engine.ts';
import { RecordWalker } from './record-format.ts';
import { SnapshotStore, type SnapshotData } from './snapshot-store.ts';
import type { SnapshotThreadData, SnapshotThreadReply, SnapshotThreadRequest } from './snapshot-thread.ts';

if (!parentPort) throw new Error('snapshot-worker runs only as a worker thread');
const port = parentPort;
const data = workerData as SnapshotThreadData;
const snapshots = new SnapshotStore(data.dir, { keep: data.keep });

/** Bytes of the journal file taken in so far, and the seq of the last record among them. */
let offset = 0;
let seq = 0;
let lastSnapshotSeq = 0;
/** Durable bytes announced by the journal's owner; the replica catches up to it. */
let target = data.durableBytes;
let engine: Engine | undefined;
let fh: FileHandle | undefined;
let running: Promise<void> | undefined;
let closing = false;

const post = (reply: SnapshotThreadReply): void => port.postMessage(reply);

/**
 * Background work: when cores are short, the engine's thread and request handling come first. A
 * snapshot is a burst of a core for a fraction of a second, and it may as well wait. On Linux a
 * thread has a priority of its own (setpriority with its thread id); elsewhere, or if refused,
 * the thread keeps the normal priority.
 */
function yieldToTheEngine(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: normal priority.
  }
}

/** The newest snapshot's state (or an empty engine), then the journal replayed up to `target`. */
async function start(): Promise<void> {
  const loaded = await snapshots.loadNewest((snapshot: SnapshotData<EngineSnapshot>) => restoreEngine(snapshot), data.durableSeq);
  engine = loaded?.result ?? new Engine();
  lastSnapshotSeq = loaded?.data.seq ?? 0;
  fh = await open(join(data.dir, data.journalFile), 'r');
  // The snapshot the engine recovered from: read on from the records after it. Any other (an older
  // one, or none): walk from the start, checking but not applying the records it already holds.
  if (lastSnapshotSeq === data.snapshotSeq && lastSnapshotSeq > 0) {
    offset = data.resume.offset;
    seq = data.resume.seqBefore;
  }
  await follow(lastSnapshotSeq);
}

/**
 * Replays the records between what was taken in and `target`, through the same decode and
 * `engine.replay` as recovery; a snapshot is written each time `every` commands have passed.
 */
async function follow(skipThrough: number): Promise<void> {
  while (offset < target && !closing) {
    const walker = new RecordWalker(fh!, target, offset, seq);
    while (
      await walker.step((recordSeq, _time, bytes, start, end) => {
        if (recordSeq > skipThrough) engine!.replay(decodeCommand(bytes, start, end));
      })
    ) {
      if (walker.seq - lastSnapshotSeq >= data.every) break;
    }
    if (walker.bad) throw new Error(`the journal changed under the snapshot thread at byte ${walker.bad.offset}: ${walker.bad.reason}`);
    offset = walker.offset;
    seq = walker.seq;
    if (seq - lastSnapshotSeq >= data.every && seq > skipThrough) await snapshot();
  }
}

async function snapshot(): Promise<void> {
  const started = performance.now();
  const text = snapshots.prepare<EngineSnapshot>({ seq, stateHash: engine!.stateHash(), engine: engine!.snapshot() });
  lastSnapshotSeq = seq;
  // Every record taken in is durable already, so the snapshot may appear at once.
  const bytes = await snapshots.writePrepared(seq, text);
  post({ kind: 'snapshot', seq, bytes, ms: performance.now() - started });
}

/** One catch-up at a time; announcements that arrive meanwhile only move the target. */
function run(work: () => Promise<void>): void {
  running ??= work()
    .catch((error: unknown) => post({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .finally(() => {
      running = undefined;
      if (!closing && engine && offset < target) run(() => follow(0));
    });
}

port.on('message', (request: SnapshotThreadRequest) => {
  switch (request.kind) {
    case 'durable':
      target = Math.max(target, request.bytes);
      if (engine) run(() => follow(0));
      return;
    case 'close':
      closing = true;
      void (running ?? Promise.resolve()).then(async () => {
        await fh?.close();
        post({ kind: 'closed' });
        port.close();
      });
      return;
  }
});

yieldToTheEngine();
run(start);
