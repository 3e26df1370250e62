// Durable engine: same events as a bare engine, acks after fsync, snapshot + tail recovery, snapshot fallback, locking.
import { cp, open as openFile, readdir, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import { Engine } from '../engine/engine.ts';
import { generateCommands } from './bench-support.ts';
import { DurableEngine, type DurableEngineOptions } from './durable-engine.ts';
import { JournalFailedError, type JournalLogger } from './journal-file.ts';
import { tempDir } from './test-support.ts';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('bourse-durable-');
});

const commands = generateCommands({ seed: 11, count: 3000, accounts: 20 });

function quietLogger(): JournalLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => void messages.push(message) };
}

function open(extra: Partial<DurableEngineOptions> = {}): Promise<DurableEngine> {
  return DurableEngine.open({ dir, snapshotEvery: 500, logger: quietLogger(), ...extra });
}

async function submitAll(durable: DurableEngine, list: readonly Command[]): Promise<EngineEvent[][]> {
  return Promise.all(list.map((c) => durable.submit(c)));
}

function replayHash(list: readonly Command[]): string {
  const engine = new Engine();
  for (const c of list) engine.apply(c);
  return engine.stateHash();
}

/** Copies the directory as a crash would leave it: files as they are, no close, no final snapshot. */
async function crashCopy(): Promise<string> {
  const copy = await tempDir('bourse-crashed-');
  await cp(dir, copy, { recursive: true, filter: (src) => !src.endsWith('LOCK') });
  return copy;
}

describe('durable engine', () => {
  it('hands a lagging event consumer the events of every record after its watermark on recovery', async () => {
    const list = commands.slice(0, 1800);
    const bare = new Engine();
    const expected = list.map((c) => bare.apply(c));
    const first = await open();
    const executions = list.map((c) => first.execute(c));
    expect(executions.map((e) => e.events)).toEqual(expected);
    await Promise.all(executions.map((e) => e.durable));
    await first.close();
    for (const afterSeq of [0, 700, 1500, 1800]) {
      const caught: Array<[number, EngineEvent[]]> = [];
      const reopened = await open({ catchUp: { afterSeq, onEvents: (seq, events) => void caught.push([seq, events]) } });
      expect(caught.map(([seq]) => seq)).toEqual(list.map((_, i) => i + 1).slice(afterSeq));
      expect(caught.map(([, events]) => events)).toEqual(expected.slice(afterSeq));
      expect(reopened.stateHash()).toBe(bare.stateHash());
      await reopened.close();
    }
  });

  it('emits exactly what a bare engine emits and acknowledges only durable commands', async () => {
    const durable = await open();
    const bare = new Engine();
    const expected = commands.slice(0, 400).map((c) => bare.apply(c));
    const results = await submitAll(durable, commands.slice(0, 400));
    expect(results).toEqual(expected);
    expect(durable.durableSeq).toBe(400);
    const last = durable.submit(commands[400] as Command);
    expect(durable.lastSeq).toBe(401); // applied and numbered at once ...
    await last;
    expect(durable.durableSeq).toBe(401); // ... acknowledged after the sync
    await durable.close();
  });

  it('recovers from the newest snapshot plus the journal tail, with the hash of a full replay', async () => {
    const snapshots: number[] = [];
    const durable = await open({ metrics: { onSnapshot: (info) => snapshots.push(info.seq) } });
    await submitAll(durable, commands.slice(0, 2345));
    await durable.snapshot(); // lets any periodic snapshot finish before the copy
    await submitAll(durable, commands.slice(2345, 2400));
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    const crashed = await crashCopy();
    await durable.close();
    const recovered = await DurableEngine.open({ dir: crashed, snapshotEvery: 500, logger: quietLogger() });
    expect(recovered.recovery.snapshotSeq).toBe(2345);
    expect(recovered.recovery.replayed).toBe(55);
    expect(recovered.lastSeq).toBe(2400);
    expect(recovered.stateHash()).toBe(replayHash(commands.slice(0, 2400)));
    // The sequence continues after recovery, and the engine continues from the same state.
    await submitAll(recovered, commands.slice(2400));
    expect(recovered.lastSeq).toBe(commands.length);
    expect(recovered.stateHash()).toBe(replayHash(commands));
    await recovered.close();
  });

  it('writes a snapshot at close, so a clean restart replays nothing', async () => {
    const durable = await open({ snapshotEvery: 0 });
    await submitAll(durable, commands.slice(0, 700));
    const hash = durable.stateHash();
    await durable.close();
    const reopened = await open();
    expect(reopened.recovery).toMatchObject({ snapshotSeq: 700, replayed: 0, lastSeq: 700, stateHash: hash });
    await reopened.close();
  });

  it('falls back to an older snapshot, then to a full replay, when snapshots are damaged', async () => {
    const durable = await open({ snapshotEvery: 300, keepSnapshots: 3 });
    for (let i = 0; i < 1000; i += 100) await submitAll(durable, commands.slice(i, i + 100));
    await durable.close(); // snapshots at 300, 600, 900 and 1000 at most; a busy machine may close before the snapshot thread writes every one
    const names = (await readdir(dir)).filter((n) => n.startsWith('snapshot-')).sort();
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names.length).toBeLessThanOrEqual(3);
    const hash = replayHash(commands.slice(0, 1000));

    await writeFile(join(dir, names[names.length - 1] as string), '{"seq": 1000, "stateHash": "trunc'); // torn newest
    const logger = quietLogger();
    const older = await open({ logger, snapshotEvery: 0 });
    expect(older.recovery.snapshotSeq).toBeLessThan(1000);
    expect(older.recovery.snapshotSeq).toBeGreaterThan(0);
    expect(older.stateHash()).toBe(hash);
    expect(logger.messages).toEqual(['snapshot unusable; falling back to an older one or to a full replay']);
    await older.close(); // writes a fresh snapshot at 1000 again

    for (const name of (await readdir(dir)).filter((n) => n.startsWith('snapshot-'))) {
      await writeFile(join(dir, name), JSON.stringify({ seq: Number(name.slice(9, 25)), stateHash: 'bogus', engine: {} }));
    }
    const full = await open({ logger: quietLogger(), snapshotEvery: 0 });
    expect(full.recovery).toMatchObject({ snapshotSeq: 0, replayed: 1000 });
    expect(full.stateHash()).toBe(hash);
    await full.close();
  });

  it('after a failed journal write: refuses commands, closes without flushing or a snapshot, and recovers what was durable', async () => {
    const durable = await open({ snapshotEvery: 0 });
    await submitAll(durable, commands.slice(0, 100));
    expect(durable.failure).toBeUndefined();
    // Every later write fails with ENOSPC, as on a full disk.
    const journal = (durable as unknown as { journal: { fh: FileHandle } }).journal;
    const real = journal.fh;
    journal.fh = await openFile('/dev/full', 'r+');
    try {
      await expect(durable.submit(commands[100]!)).rejects.toThrow(/failed; restart and recover: ENOSPC/);
      expect(durable.failure).toBeInstanceOf(JournalFailedError);
      expect((durable.failure as JournalFailedError).durableSeq).toBe(100);
      expect(() => durable.execute(commands[101]!)).toThrow(JournalFailedError);
      await expect(durable.snapshot()).rejects.toThrow(JournalFailedError);
      await durable.close();
    } finally {
      await real.close();
    }
    expect((await readdir(dir)).filter((name) => name.startsWith('snapshot-'))).toEqual([]);
    const reopened = await open();
    expect(reopened.recovery).toMatchObject({ snapshotSeq: 0, replayed: 100, lastSeq: 100 });
    expect(reopened.stateHash()).toBe(replayHash(commands.slice(0, 100)));
    await reopened.close();
  });

  it('refuses to cut damage inside what the snapshot holds, even on request, and leaves the journal as it was', async () => {
    const list = commands.slice(0, 1200);
    const first = await open({ snapshotEvery: 0 });
    await submitAll(first, list);
    await first.close(); // a clean stop: snapshot at 1200
    const path = join(dir, 'journal.bin');
    const bytes = await readFile(path);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x5a;
    await writeFile(path, bytes);
    for (const onCorruption of ['truncate', 'refuse'] as const) {
      const logger = quietLogger();
      const error = await open({ onCorruption, logger }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/snapshot 1200 already holds records through seq 1200, so cutting at the damage would leave the journal at seq \d+, behind it/);
      expect((error as Error).message).toContain('--truncate-damaged-journal cannot repair it');
      expect(logger.messages).toEqual([]);
      expect(await readFile(path)).toEqual(bytes);
    }
    // The lock was released: the directory can be opened once the journal is restored.
    await rm(path);
    await writeFile(path, '');
    await expect(open()).rejects.toThrow(/snapshot 1200 is ahead of the journal/);
  });

  it('cuts damage after the snapshot on request, keeping every record before it', async () => {
    const first = await open({ snapshotEvery: 0 });
    await submitAll(first, commands.slice(0, 600));
    await first.snapshot();
    await submitAll(first, commands.slice(600, 1200));
    await first.close();
    const snapshots = (await readdir(dir)).filter((name) => name.startsWith('snapshot-')).sort();
    await rm(join(dir, snapshots.at(-1)!)); // only the snapshot at 600 is left
    const path = join(dir, 'journal.bin');
    const bytes = await readFile(path);
    const at = Math.floor(bytes.length * 0.8);
    bytes[at] = (bytes[at] as number) ^ 0x5a;
    await writeFile(path, bytes);
    await expect(open()).rejects.toThrow(/start once with --truncate-damaged-journal/);
    const logger = quietLogger();
    const repaired = await open({ onCorruption: 'truncate', logger });
    expect(repaired.recovery.snapshotSeq).toBe(600);
    expect(repaired.lastSeq).toBeGreaterThan(600);
    expect(repaired.lastSeq).toBeLessThan(1200);
    expect(repaired.stateHash()).toBe(replayHash(commands.slice(0, repaired.lastSeq)));
    expect(logger.messages).toEqual(['journal damage cut on request; later records were dropped']);
    await repaired.close();
  });

  it('refuses a second owner of the directory', async () => {
    const durable = await open();
    await expect(open()).rejects.toThrow(/already open in this process/);
    await durable.close();
    const again = await open();
    await again.close();
  });

  it('takes over a lock left by a dead run that had the same pid (a restarted container)', async () => {
    await writeFile(join(dir, 'LOCK'), `${process.pid} 1\n`);
    const durable = await open();
    await durable.close();
  });

  it('respects a lock held by another live process and names it', async () => {
    const { readFileSync } = await import('node:fs');
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    await writeFile(join(dir, 'LOCK'), `${process.ppid} ${started}\n`);
    await expect(open()).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
    // Same pid but another start time: the pid was reused, the lock is stale.
    await writeFile(join(dir, 'LOCK'), `${process.ppid} 1\n`);
    const durable = await open();
    await durable.close();
  });

  it('journals and replays a malformed command that the engine rejected', async () => {
    const durable = await open();
    await submitAll(durable, commands.slice(0, 10));
    const odd = [{ ts: 5 }, { type: 7 }, [], 'x', null] as unknown as Command[];
    for (const command of odd) expect((await durable.submit(command))[0]).toMatchObject({ type: 'RequestRejected', reason: 'INVALID_REQUEST' });
    const hash = durable.stateHash();
    await durable.close();
    await rm(join(dir, (await readdir(dir)).find((f) => f.startsWith('snapshot-'))!));
    const again = await open();
    expect(again.stateHash()).toBe(hash);
    await again.close();
  });

  it('rejects a command it cannot journal without applying it', async () => {
    const durable = await open();
    await submitAll(durable, commands.slice(0, 10));
    const hash = durable.stateHash();
    const bad = { type: 'deposit', ts: 1, accountId: 1, asset: 'USD', amount: 1, memo: 5n } as unknown as Command;
    await expect(durable.submit(bad)).rejects.toThrow(/cannot encode a bigint/);
    expect(durable.lastSeq).toBe(10);
    expect(durable.stateHash()).toBe(hash);
    // The half-encoded record left nothing behind: later commands journal and recover normally.
    await submitAll(durable, commands.slice(10, 20));
    await durable.close();
    const reopened = await open({ snapshotEvery: 0 });
    expect(reopened.lastSeq).toBe(20);
    expect(reopened.stateHash()).toBe(replayHash(commands.slice(0, 20)));
    await reopened.close();
  });

  it('reports commits and recovery through the metric hooks', async () => {
    const commits: number[] = [];
    const durable = await open({ metrics: { onCommit: (info) => commits.push(info.records) } });
    await submitAll(durable, commands.slice(0, 1000));
    expect(commits.reduce((a, b) => a + b, 0)).toBe(1000);
    await durable.close();
    let replayed = -1;
    const reopened = await open({ metrics: { onRecovery: (report) => (replayed = report.replayed) } });
    expect(replayed).toBe(0);
    await reopened.close();
  });
});
