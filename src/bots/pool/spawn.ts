// Starting a bot worker thread on worker-main.
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../../threads/module-worker.ts';
import type { WorkerData } from './protocol.ts';

export function spawnWorker(data: WorkerData, heapMb?: number): Worker {
  const resourceLimits = heapMb === undefined ? undefined : { maxOldGenerationSizeMb: heapMb };
  return spawnModuleWorker(new URL('./worker-main.ts', import.meta.url), { workerData: data, resourceLimits });
}
