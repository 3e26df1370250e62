// A backtest worker thread: runs the one job it was started with, posts its progress (at most every 100 ms) and then its result or failure.
import { parentPort, workerData } from 'node:worker_threads';
import type { Job, JobMessage } from './job-protocol.ts';
import { runJob } from './job-run.ts';

const port = parentPort;
if (!port) throw new Error('the backtest worker must run in a worker thread');
const send = (message: JobMessage) => port.postMessage(message);

let last = 0;
const progress = (done: number, total: number) => {
  const now = performance.now();
  if (now - last < 100 && done < total) return;
  last = now;
  send({ type: 'progress', done, total });
};

runJob(workerData as Job, progress).then(
  (result) => send({ type: 'done', result }),
  (error: unknown) => send({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
);
