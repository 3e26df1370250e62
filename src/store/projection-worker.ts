// Worker thread entry of the projection thread: owns a read-write connection to the SQLite file and applies the batches posted to it, one at a time, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { kyselyOver } from './database.ts';
import { unpackEvents } from './event-pack.ts';
import { EventProjector } from './projector.ts';
import type { ProjectionReply, ProjectionRequest, ProjectionWorkerData } from './projection-protocol.ts';
import { sqliteDialect } from './sqlite-connection.ts';

if (!parentPort) throw new Error('projection-worker runs only as a worker thread');
const port = parentPort;
const { sqlitePath } = workerData as ProjectionWorkerData;

/**
 * Statements run for the request in progress, handed back with its reply so the main thread's
 * metrics still count them. Only the start of each SQL text goes back: it names the statement, and
 * a multi-row insert's full text runs to kilobytes that would be copied for nothing.
 */
let queries: Array<[string, number]> = [];
const SQL_PREFIX = 120;
const db = kyselyOver(sqliteDialect(sqlitePath), (sql, ms) => void queries.push([sql.slice(0, SQL_PREFIX), ms]));
const projector = new EventProjector(db);
let chain: Promise<void> = Promise.resolve();

async function handle(request: ProjectionRequest): Promise<ProjectionReply> {
  queries = [];
  try {
    switch (request.kind) {
      case 'apply': {
        const events = unpackEvents(request.events);
        const result = await retryBusy(() => projector.apply(events, request.meta, request.candles));
        return { id: request.id, result, queries };
      }
      case 'watermark':
        return { id: request.id, result: await projector.watermark(), queries };
      case 'close':
        await db.destroy();
        return { id: request.id, result: undefined, queries };
    }
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error), queries };
  }
}

/**
 * The main thread writes too (users, keys, bots, history). Transactions begin IMMEDIATE and wait
 * for the write lock, but one the main connection held past the busy timeout fails the batch: it is
 * tried again, since applying is idempotent by the projector's watermark.
 */
async function retryBusy<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}

port.on('message', (request: ProjectionRequest) => {
  // One batch at a time: each is one transaction, and batches must reach the store in journal order.
  chain = chain.then(async () => {
    const reply = await handle(request);
    port.postMessage(reply);
    if (request.kind === 'close') port.close();
  });
});
