// The projector in its own thread: the same batches and guarantees as EventProjector, with SQLite's work off the caller's event loop.
import type { Worker } from 'node:worker_threads';
import type { EngineEvent } from '../core/events.ts';
import { spawnModuleWorker } from '../threads/module-worker.ts';
import { packEvents } from './event-pack.ts';
import type { ProjectionReply, ProjectionRequest, ProjectionWorkerData } from './projection-protocol.ts';
import type { ProjectionResult, Projector } from './projector.ts';
import type { CandleRow } from './schema.ts';

type Request = ProjectionRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Owns one worker thread with its own read-write connection to the SQLite file (WAL lets it write
 * while the main connections read and do their own small writes). Requests are answered in the
 * order sent, and the worker applies batches one at a time, so the store still receives them in
 * journal order, one transaction each. If the thread dies, pending requests fail and the next
 * request starts a new thread; the watermark makes the retried batch safe to apply again.
 */
export class ProjectionThread implements Projector {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private closed: Promise<void> | undefined;

  constructor(
    private readonly sqlitePath: string,
    private readonly onQuery?: (sql: string, ms: number) => void,
  ) {
    this.worker = this.start();
  }

  apply(events: readonly EngineEvent[], meta: Readonly<Record<string, number>> = {}, candles: readonly CandleRow[] = []): Promise<ProjectionResult> {
    // Packed, not cloned: cloning every property of every event was most of this thread's cost per batch.
    const packed = packEvents(events);
    return this.request({ kind: 'apply', events: packed, meta, candles }, false, [packed.numbers.buffer]) as Promise<ProjectionResult>;
  }

  watermark(): Promise<number> {
    return this.request({ kind: 'watermark' }) as Promise<number>;
  }

  /** Lets the requests sent so far finish, closes the thread's connection and ends the thread. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await this.request({ kind: 'close' }, true).catch(() => undefined);
      // Referenced until it is gone, or an otherwise idle process could exit before this resolves.
      worker.ref();
      await exited;
    })();
    return this.closed;
  }

  private request(request: Request, closing = false, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.closed && !closing) return Promise.reject(new Error('the projection thread is closed'));
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Referenced only while answers are due: an idle thread never keeps the process alive, a busy one does.
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  private start(): Worker {
    const workerData: ProjectionWorkerData = { sqlitePath: this.sqlitePath };
    const worker = spawnModuleWorker(new URL('./projection-worker.ts', import.meta.url), { workerData });
    worker.unref();
    worker.on('message', (reply: ProjectionReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (this.onQuery) for (const [sql, ms] of reply.queries) this.onQuery(sql, ms);
      if ('error' in reply) waiter?.reject(new Error(`the projection thread failed: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the projection thread exited with code ${code}`)));
    return worker;
  }

  /** Fails what the dead thread still owed; the next request starts another. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiting) waiter.reject(error);
  }
}
