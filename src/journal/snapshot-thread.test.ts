// Snapshots from the replica thread: taken off the engine's thread, the live state at their seq, recovered from, and a fallback when the thread is gone.
import { cp, readdir } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { spawnModuleWorker } from '../threads/module-worker.ts';
import { generateCommands } from './bench-support.ts';
import { DurableEngine, type DurableEngineOptions, type SnapshotInfo } from './durable-engine.ts';
import type { SpawnWorker } from './snapshot-thread.ts';
import { tempDir } from './test-support.ts';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('bourse-snapshot-thread-');
});

const commands = generateCommands({ seed: 23, count: 4000, accounts: 20 });
const spawn: SpawnWorker = (entry, workerData) => spawnModuleWorker(entry, { workerData });

function hashAfter(count: number): string {
  const engine = new Engine();
  for (const command of commands.slice(0, count)) engine.apply(command);
  return engine.stateHash();
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function open(extra: Partial<DurableEngineOptions> = {}): Promise<DurableEngine> {
  return DurableEngine.open({ dir, snapshotEvery: 1000, snapshotThread: spawn, logger: { warn: () => undefined }, ...extra });
}

/**
 * Copies the directory as a crash would leave it (no shutdown snapshot; the lock left behind), then
 * closes `running` and opens the copy, without snapshot threads, for `check`.
 */
async function recoverAsIfCrashed(running: DurableEngine, check: (recovered: DurableEngine) => void): Promise<void> {
  const crashed = await tempDir('bourse-snapshot-crashed-');
  await cp(dir, crashed, { recursive: true, filter: (src) => !src.endsWith('LOCK') });
  await running.close();
  const recovered = await DurableEngine.open({ dir: crashed, snapshotEvery: 0 });
  check(recovered);
  await recovered.close();
}

describe('snapshot thread', () => {
  it('writes the periodic snapshots from its replica, and recovery from one gives the state of a full replay', async () => {
    const snapshots: SnapshotInfo[] = [];
    const durable = await open({ metrics: { onSnapshot: (info) => void snapshots.push(info) } });
    await Promise.all(commands.slice(0, 2500).map((c) => durable.submit(c)));
    await until(() => snapshots.some((s) => s.seq >= 2000), 'a snapshot past seq 2000');
    // Taken from the replica: the state it holds is the live engine's at that seq.
    const seq = Math.max(...snapshots.map((s) => s.seq));
    const files = (await readdir(dir)).filter((name) => name.startsWith('snapshot-'));
    expect(files).toContain(`snapshot-${String(seq).padStart(16, '0')}.json`);
    await recoverAsIfCrashed(durable, (recovered) => {
      expect(recovered.recovery.snapshotSeq).toBe(seq);
      expect(recovered.recovery.replayed).toBe(2500 - seq);
      expect(recovered.stateHash()).toBe(hashAfter(2500));
    });
  });

  it('follows a journal that already held records when it started, reading on after the recovered snapshot', async () => {
    const first = await DurableEngine.open({ dir, snapshotEvery: 0 });
    await Promise.all(commands.slice(0, 1500).map((c) => first.submit(c)));
    await first.close(); // a snapshot at seq 1500
    const snapshots: number[] = [];
    const durable = await open({ metrics: { onSnapshot: (info) => void snapshots.push(info.seq) } });
    expect(durable.recovery.snapshotSeq).toBe(1500);
    await Promise.all(commands.slice(1500, 3200).map((c) => durable.submit(c)));
    await until(() => snapshots.some((s) => s >= 2500), 'a snapshot past seq 2500');
    const seq = Math.max(...snapshots);
    await recoverAsIfCrashed(durable, (recovered) => {
      expect(recovered.recovery.snapshotSeq).toBe(seq);
      expect(recovered.stateHash()).toBe(hashAfter(3200));
    });
  });

  it('hands periodic snapshots back to the engine thread when the thread is gone', async () => {
    let worker: Worker | undefined;
    const warnings: string[] = [];
    const snapshots: number[] = [];
    const durable = await open({
      snapshotThread: (entry, workerData) => (worker = spawn(entry, workerData)),
      logger: { warn: (message) => void warnings.push(message) },
      metrics: { onSnapshot: (info) => void snapshots.push(info.seq) },
    });
    await worker!.terminate();
    await until(() => warnings.length > 0, 'the lost thread to be reported');
    expect(warnings[0]).toMatch(/snapshot thread stopped/);
    for (const command of commands.slice(0, 1200)) void durable.submit(command);
    // The engine's own thread took the snapshot at the 1000th command, between two commands.
    await durable.snapshot();
    expect(snapshots[0]).toBe(1000);
    await durable.close();
  });
});
