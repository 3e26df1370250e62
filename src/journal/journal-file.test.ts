// Journal file: gap-free seq, group commit, reading from a seq, reopen, torn-tail repair and mid-file corruption refusal.
import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../core/commands.ts';
import { type CommitInfo, JournalCorruptError, JournalFile, type JournalLogger } from './journal-file.ts';
import { HEADER_SIZE } from './record-format.ts';
import { tempDir } from './test-support.ts';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await tempDir('bourse-journal-');
  path = join(dir, 'journal.bin');
});

function collector(): JournalLogger & { warnings: Array<{ message: string; context?: Record<string, unknown> }> } {
  const warnings: Array<{ message: string; context?: Record<string, unknown> }> = [];
  return { warnings, warn: (message, context) => void warnings.push({ message, context }) };
}

function command(i: number): Command {
  return i % 3 === 0
    ? { type: 'cancelOrder', ts: 1000 + i, accountId: 1 + (i % 7), orderId: i }
    : { type: 'placeOrder', ts: 1000 + i, order: { accountId: 1 + (i % 7), symbol: 'ABC', side: i % 2 ? 'buy' : 'sell', type: 'limit', qty: 1 + (i % 5), price: 100 + (i % 11) } };
}

/** Writes n records, closes, and returns each record's file offset plus the end offset. */
async function writeJournal(n: number): Promise<number[]> {
  const journal = await JournalFile.open(path, { clock: () => 42 });
  const ends: number[] = [0];
  for (let i = 1; i <= n; i++) {
    await journal.append(command(i));
    ends.push((await stat(path)).size);
  }
  await journal.close();
  return ends;
}

async function seqs(journal: JournalFile, from = 1): Promise<number[]> {
  const out: number[] = [];
  for await (const record of journal.records(from)) out.push(record.seq);
  return out;
}

describe('journal file', () => {
  it('opens an empty or missing file with nothing in it', async () => {
    const journal = await JournalFile.open(path);
    expect(journal.lastSeq).toBe(0);
    expect(await seqs(journal)).toEqual([]);
    await journal.close();
    await writeFile(path, '');
    const again = await JournalFile.open(path);
    expect(again.report).toEqual({ records: 0, bytes: 0, truncatedBytes: 0 });
    await again.close();
  });

  it('assigns gap-free seqs, commits in groups and reads back from any seq', async () => {
    const commits: CommitInfo[] = [];
    const journal = await JournalFile.open(path, { metrics: { onCommit: (info) => commits.push(info) }, clock: () => 7 });
    const n = 5000;
    const acks = await Promise.all(Array.from({ length: n }, (_, i) => journal.append(command(i + 1))));
    expect(acks).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(journal.durableSeq).toBe(n);
    expect(commits.reduce((sum, c) => sum + c.records, 0)).toBe(n);
    expect(commits.length).toBeLessThan(10);
    const all: Command[] = [];
    for await (const record of journal.records()) {
      expect(record.time).toBe(7);
      all.push(record.command);
    }
    expect(all).toEqual(Array.from({ length: n }, (_, i) => command(i + 1)));
    for (const from of [1, 2, 1024, 1025, 1026, 3000, 5000]) expect((await seqs(journal, from))[0]).toBe(from);
    expect(await seqs(journal, 5001)).toEqual([]);
    await journal.close();
  });

  it('acknowledges only after the sync, while the next batch accumulates', async () => {
    const journal = await JournalFile.open(path);
    const first = journal.enqueue(command(1));
    expect(journal.durableSeq).toBe(0);
    await Promise.resolve(); // the write of batch 1 has started
    const second = journal.enqueue(command(2));
    expect(second.durable).not.toBe(first.durable);
    await first.durable;
    expect(journal.durableSeq).toBeGreaterThanOrEqual(1);
    await second.durable;
    expect(journal.durableSeq).toBe(2);
    await journal.close();
    expect(() => journal.enqueue(command(3))).toThrow(/closed/);
  });

  it('fails every pending and later append after a write error', async () => {
    const journal = await JournalFile.open(path);
    await journal.append(command(1));
    // Pull the file out from under the writer, as an I/O error would.
    await (journal as unknown as { fh: { close(): Promise<void> } }).fh.close();
    const pending = journal.append(command(2));
    await expect(pending).rejects.toThrow(/failed; restart and recover/);
    expect(() => journal.enqueue(command(3))).toThrow(/failed; restart and recover/);
    expect(journal.durableSeq).toBe(1);
  });

  it('reopens and continues the sequence, with one-pass replay of the tail', async () => {
    await writeJournal(30);
    const visited: number[] = [];
    const journal = await JournalFile.open(path, { replay: { fromSeq: 25, visit: (seq) => visited.push(seq) } });
    expect(visited).toEqual([25, 26, 27, 28, 29, 30]);
    expect(journal.lastSeq).toBe(30);
    expect(await journal.append(command(31))).toBe(31);
    await journal.close();
    const reopened = await JournalFile.open(path);
    expect(await seqs(reopened)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    await reopened.close();
  });

  describe('torn tail', () => {
    const cases: Array<[string, (ends: number[]) => Promise<void>]> = [
      ['an incomplete header', async (ends) => truncate(path, (ends[9] as number) + HEADER_SIZE - 3)],
      ['an incomplete payload', async (ends) => truncate(path, (ends[10] as number) - 2)],
      ['a bad crc on the last record', async (ends) => flipByte((ends[10] as number) - 1)],
      ['a bad last record followed by zeros', async (ends) => {
        await flipByte((ends[10] as number) - 1);
        await appendFile(path, Buffer.alloc(4096));
      }],
      ['garbage after the last good record', async () => appendFile(path, Buffer.from('not a record at all'))],
    ];
    for (const [name, damage] of cases) {
      it(`truncates ${name} with a warning and continues`, async () => {
        const ends = await writeJournal(10);
        await damage(ends);
        const logger = collector();
        const journal = await JournalFile.open(path, { logger });
        const kept = name.startsWith('garbage') ? 10 : 9;
        expect(journal.lastSeq).toBe(kept);
        expect(logger.warnings).toHaveLength(1);
        expect(logger.warnings[0]?.message).toMatch(/torn tail/);
        expect(logger.warnings[0]?.context).toMatchObject({ offset: ends[kept], expectedSeq: kept + 1 });
        expect((await stat(path)).size).toBe(ends[kept]);
        expect(await journal.append(command(99))).toBe(kept + 1);
        await journal.close();
        const reopened = await JournalFile.open(path, { logger });
        expect(await seqs(reopened)).toEqual(Array.from({ length: kept + 1 }, (_, i) => i + 1));
        expect(logger.warnings).toHaveLength(1);
        await reopened.close();
      });
    }
  });

  describe('corruption in the middle', () => {
    it('refuses to open, naming the byte offset and the expected seq, and leaves the file alone', async () => {
      const ends = await writeJournal(10);
      await flipByte((ends[4] as number) + HEADER_SIZE + 1); // payload of record 5
      const before = await readFile(path);
      const error = await JournalFile.open(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JournalCorruptError);
      const corrupt = error as JournalCorruptError;
      expect(corrupt.offset).toBe(ends[4]);
      expect(corrupt.expectedSeq).toBe(5);
      expect(corrupt.message).toContain(`byte offset ${ends[4]}`);
      expect(corrupt.message).toContain('seq 5');
      // The way out when the records after the damage may be given up: the repair flag, and where it cuts.
      expect(corrupt.message).toContain(`start once with --truncate-damaged-journal, which cuts it at byte offset ${ends[4]} (the journal then ends at seq 4)`);
      expect(await readFile(path)).toEqual(before);
    });

    it('refuses an intact record that is out of sequence', async () => {
      const ends = await writeJournal(5);
      const bytes = await readFile(path);
      await appendFile(path, bytes.subarray(ends[1], ends[2])); // record 2 again
      await expect(JournalFile.open(path)).rejects.toThrow(/seq 6 was expected \(found seq 2\)/);
    });

    it('cuts at the damage only when the operator asks for it', async () => {
      const ends = await writeJournal(10);
      await flipByte((ends[4] as number) + 5);
      const logger = collector();
      const journal = await JournalFile.open(path, { onCorruption: 'truncate', logger });
      expect(journal.lastSeq).toBe(4);
      expect(logger.warnings[0]?.message).toMatch(/cut on request/);
      await journal.close();
    });

    it('cuts on request when the journal still reaches what must be kept', async () => {
      const ends = await writeJournal(10);
      await flipByte((ends[4] as number) + 5);
      const journal = await JournalFile.open(path, { onCorruption: 'truncate', mustReach: { seq: 4, holder: 'snapshot 4' }, logger: collector() });
      expect(journal.lastSeq).toBe(4);
      await journal.close();
    });

    it('never cuts the journal short of what a snapshot holds: refuses before touching the file, even on request', async () => {
      const ends = await writeJournal(10);
      await flipByte((ends[4] as number) + 5);
      const before = await readFile(path);
      for (const onCorruption of ['truncate', 'refuse'] as const) {
        const logger = collector();
        const error = await JournalFile.open(path, { onCorruption, mustReach: { seq: 8, holder: 'snapshot 8' }, logger }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(JournalCorruptError);
        const message = (error as Error).message;
        expect(message).toContain('snapshot 8 already holds records through seq 8, so cutting at the damage would leave the journal at seq 4');
        expect(message).toContain('lose the acknowledged records from seq 5 on. The file was not changed, and --truncate-damaged-journal cannot repair it');
        expect(message).toContain('restore the journal from a backup');
        expect(logger.warnings).toEqual([]);
        expect(await readFile(path)).toEqual(before);
      }
    });

    it('leaves a torn tail alone when cutting it would fall short of what must be kept', async () => {
      const ends = await writeJournal(10);
      await truncate(path, (ends[10] as number) - 2);
      const before = await readFile(path);
      const logger = collector();
      await expect(JournalFile.open(path, { mustReach: { seq: 10, holder: 'the read models (the event store)' }, logger })).rejects.toThrow(
        /the read models \(the event store\) already holds records through seq 10, so cutting at the damage would leave the journal at seq 9/,
      );
      expect(logger.warnings).toEqual([]);
      expect(await readFile(path)).toEqual(before);
    });
  });
});

async function flipByte(offset: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[offset] = (bytes[offset] as number) ^ 0x5a;
  await writeFile(path, bytes);
}
