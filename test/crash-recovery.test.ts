// Crash recovery end to end: kill -9 a journaling child mid-stream, recover, and check durability and state.
import { spawn } from 'node:child_process';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../src/core/commands.ts';
import { Engine } from '../src/engine/engine.ts';
import { generateCommands } from '../src/journal/bench-support.ts';
import { DurableEngine, JOURNAL_FILE } from '../src/journal/durable-engine.ts';
import { JournalCorruptError, JournalFile, type JournalLogger } from '../src/journal/journal-file.ts';
import { HEADER_SIZE } from '../src/journal/record-format.ts';
import { tempDir } from './support/temp-dir.ts';

const ROOT = join(import.meta.dirname, '..');
const CHILD = join(ROOT, 'test', 'fixtures', 'crash-child.ts');
const SEED = 20240611;
const COUNT = 60_000;
const SNAPSHOT_EVERY = 2_000;

let dir: string;
beforeEach(async () => {
  dir = await tempDir('bourse-crash-');
});

function collector(): JournalLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => void messages.push(message) };
}

/** Runs the child and SIGKILLs it once `killAfter` acks have been read; returns every ack it printed. */
async function runAndKill(killAfter: number, inFlight: number): Promise<{ acks: number[]; exit: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(SEED), String(COUNT), String(SNAPSHOT_EVERY), String(inFlight)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  const acks: number[] = [];
  // Lines already in the pipe when the kill lands were printed after their ack, so they count too.
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('ack ')) continue;
    acks.push(Number(line.slice(4)));
    if (acks.length === killAfter) child.kill('SIGKILL');
  }
  const exit = await exited;
  if (exit !== 'SIGKILL') throw new Error(`child ended with ${exit} before the kill: ${stderr}`);
  return { acks, exit };
}

/** Every record of the journal, checked for gap-free seqs. */
async function readJournal(): Promise<Command[]> {
  const journal = await JournalFile.open(join(dir, JOURNAL_FILE), { logger: collector() });
  const out: Command[] = [];
  for await (const record of journal.records()) {
    expect(record.seq).toBe(out.length + 1);
    out.push(record.command);
  }
  await journal.close();
  return out;
}

function cleanReplayHash(commands: readonly Command[]): string {
  const engine = new Engine();
  for (const command of commands) engine.apply(command);
  engine.validate();
  return engine.stateHash();
}

const expected = generateCommands({ seed: SEED, count: COUNT, accounts: 50 });

describe('crash recovery', () => {
  for (const [killAfter, inFlight] of [
    [5_000, 64],
    [23_456, 512],
  ] as const) {
    it(`keeps every acknowledged command after kill -9 at ${killAfter} acks (${inFlight} in flight)`, async () => {
      const { acks } = await runAndKill(killAfter, inFlight);
      expect(acks.length).toBeGreaterThanOrEqual(killAfter);

      const logger = collector();
      const recovered = await DurableEngine.open({ dir, snapshotEvery: SNAPSHOT_EVERY, logger });
      const { recovery } = recovered;
      // Recovery used a snapshot plus a tail replay, not a full replay.
      expect(recovery.snapshotSeq).toBeGreaterThan(0);
      expect(recovery.snapshotSeq + recovery.replayed).toBe(recovery.lastSeq);
      expect(recovery.lastSeq).toBeGreaterThanOrEqual(Math.max(...acks));
      const recoveredHash = recovered.stateHash();
      await recovered.close();

      // Every acknowledged seq is in the journal, holding the command the child submitted as that seq.
      const journaled = await readJournal();
      expect(journaled.length).toBe(recovery.lastSeq);
      for (const seq of acks) expect(journaled[seq - 1]).toStrictEqual(expected[seq - 1]);
      expect(journaled).toStrictEqual(expected.slice(0, journaled.length));
      // Snapshot + tail gives exactly the state of a clean replay of the whole journal.
      expect(recoveredHash).toBe(cleanReplayHash(journaled));
    });
  }

  it('continues after a crash: a second run resumes the seq and the stream', async () => {
    await runAndKill(3_000, 128);
    const { acks } = await runAndKill(2_000, 128);
    const journaled = await readJournal();
    expect(Math.max(...acks)).toBeLessThanOrEqual(journaled.length);
    expect(journaled).toStrictEqual(expected.slice(0, journaled.length));
    const recovered = await DurableEngine.open({ dir, snapshotEvery: SNAPSHOT_EVERY, logger: collector() });
    expect(recovered.stateHash()).toBe(cleanReplayHash(journaled));
    await recovered.close();
  });

  it('truncates a torn tail with a warning and recovers the state before it', async () => {
    const commands = expected.slice(0, 1_500);
    const durable = await DurableEngine.open({ dir, snapshotEvery: 1_000, logger: collector() });
    await Promise.all(commands.map((c) => durable.submit(c)));
    await durable.close();
    const path = join(dir, JOURNAL_FILE);
    const size = (await stat(path)).size;
    const bytes = await readFile(path);
    await appendFile(path, bytes.subarray(0, HEADER_SIZE + 3)); // a record cut short by the crash

    const logger = collector();
    const recovered = await DurableEngine.open({ dir, snapshotEvery: 1_000, logger });
    expect(logger.messages).toEqual(['journal torn tail truncated']);
    expect(recovered.recovery).toMatchObject({ lastSeq: 1_500, truncatedBytes: HEADER_SIZE + 3 });
    expect((await stat(path)).size).toBe(size);
    expect(recovered.stateHash()).toBe(cleanReplayHash(commands));
    await recovered.submit(expected[1_500] as Command);
    expect(recovered.lastSeq).toBe(1_501);
    await recovered.close();
  });

  it('refuses to start on corruption in the middle, naming the offset and the seq', async () => {
    const durable = await DurableEngine.open({ dir, snapshotEvery: 0, logger: collector() });
    for (const command of expected.slice(0, 1_000)) await durable.submit(command).catch(() => undefined);
    await durable.close();
    const path = join(dir, JOURNAL_FILE);
    const bytes = await readFile(path);
    // Find record 400's offset by walking the framing (length at +8), then damage its payload.
    let offset = 0;
    for (let seq = 1; seq < 400; seq++) offset += HEADER_SIZE + bytes.readUInt32LE(offset + 8);
    bytes[offset + HEADER_SIZE] = (bytes[offset + HEADER_SIZE] as number) ^ 0xff;
    await writeFile(path, bytes);

    const error = await DurableEngine.open({ dir, snapshotEvery: 0, logger: collector() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as JournalCorruptError).offset).toBe(offset);
    expect((error as JournalCorruptError).expectedSeq).toBe(400);
    expect((error as Error).message).toContain(`byte offset ${offset}, where record seq 400 was expected`);
    expect(await readFile(path)).toEqual(bytes); // nothing was cut
    // The refusal released the lock: a second attempt fails on the journal again, not on the lock.
    await expect(DurableEngine.open({ dir, snapshotEvery: 0, logger: collector() })).rejects.toThrow(JournalCorruptError);
  });
});
