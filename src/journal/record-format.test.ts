// Record framing: the chunked walker sees every record whatever the chunk size, and finds intact records after damage.
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../core/commands.ts';
import { ByteWriter } from './byte-io.ts';
import { decodeCommand } from './command-codec.ts';
import { findIntactRecord, HEADER_SIZE, RecordWalker, writeRecord } from './record-format.ts';
import { suiteTempDir } from './test-support.ts';

const dir = suiteTempDir('bourse-records-');
let path: string;
const commands: Command[] = [];
const offsets: number[] = [];
let size = 0;

beforeAll(async () => {
  path = join(dir, 'records.bin');
  const w = new ByteWriter(16);
  for (let i = 1; i <= 200; i++) {
    // Mostly small records, some far bigger than the smallest chunk sizes below.
    const memo = i % 17 === 0 ? 'm'.repeat(500 + i) : undefined;
    const command: Command = memo ? { type: 'deposit', ts: i, accountId: i, asset: 'USD', amount: i, memo } : { type: 'cancelOrder', ts: i, accountId: i, orderId: i * 1000 };
    commands.push(command);
    offsets.push(w.pos);
    writeRecord(w, i, 1_700_000_000_000 + i, command);
  }
  size = w.pos;
  await writeFile(path, w.bytes());
});

describe('record walker', () => {
  for (const chunk of [HEADER_SIZE, 64, 100, 333, 4096, 1 << 20]) {
    it(`visits every record with ${chunk}-byte chunks`, async () => {
      const fh = await open(path, 'r');
      const seen: Command[] = [];
      const walker = new RecordWalker(fh, size, 0, 0, chunk);
      while (
        await walker.step((seq, time, bytes, start, end) => {
          expect(seq).toBe(seen.length + 1);
          expect(time).toBe(1_700_000_000_000 + seq);
          seen.push(decodeCommand(bytes, start, end));
        })
      );
      await fh.close();
      expect(walker.bad).toBeUndefined();
      expect(walker.offset).toBe(size);
      expect(seen).toStrictEqual(commands);
    });
  }

  it('starts from an offset in the middle', async () => {
    const fh = await open(path, 'r');
    const walker = new RecordWalker(fh, size, offsets[99] as number, 99, 128);
    const seqs: number[] = [];
    while (await walker.step((seq) => seqs.push(seq)));
    await fh.close();
    expect(seqs).toEqual(Array.from({ length: 101 }, (_, i) => i + 100));
  });

  it('finds the next intact record after damage, and none in garbage', async () => {
    const fh = await open(path, 'r');
    expect(await findIntactRecord(fh, (offsets[50] as number) + 1, size)).toBe(offsets[51]);
    expect(await findIntactRecord(fh, (offsets[199] as number) + 1, size)).toBe(-1);
    await fh.close();
  });
});
