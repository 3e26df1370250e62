// Journal record framing (magic, crc32, length, seq, time, payload) and a chunked reader that checks every record.
import type { FileHandle } from 'node:fs/promises';
import type { Command } from '../core/commands.ts';
import type { ByteWriter } from './byte-io.ts';
import { encodeCommandInto } from './command-codec.ts';
import { crc32, crc32View } from './crc32.ts';

/**
 * On-disk layout of one record, little-endian:
 *
 *   0  magic   u32  0x014a55b0 (bytes b0 55 4a 01: "Bourse", 'J', format version 1)
 *   4  crc32   u32  CRC-32 (IEEE, as zlib.crc32) of bytes 8 .. end: length, seq, time and payload
 *   8  length  u32  payload bytes
 *  12  seq     u64  1, 2, 3, ... with no gaps
 *  20  time    u64  milliseconds since the epoch when the record was journaled
 *  28  payload      one command (command-codec.ts)
 *
 * A zero-filled or half-written region never passes the magic + CRC check, which is what makes a
 * torn tail detectable. Records are back to back with no padding and no file header.
 */
export const RECORD_MAGIC = 0x014a55b0;
export const HEADER_SIZE = 28;
/** A bigger length field can only be damage: no command comes near it. */
export const MAX_PAYLOAD = 16 * 1024 * 1024;
const MAGIC_BYTES = Buffer.from([0xb0, 0x55, 0x4a, 0x01]);
const TWO_32 = 4294967296;
const CHUNK = 8 * 1024 * 1024;
/** The loaded chunk ends inside the record but the file does not: load again from the record. */
const PARTIAL = -1;
/** The record is invalid; `RecordWalker.badReason` says why. */
const BAD = -2;

/** Appends one framed record to `w`. Seq and time must be non-negative safe integers. */
export function writeRecord(w: ByteWriter, seq: number, time: number, command: Command): void {
  w.ensure(HEADER_SIZE);
  const start = w.pos;
  w.pos += HEADER_SIZE;
  try {
    encodeCommandInto(w, command);
  } catch (error) {
    // Leave no partial bytes behind: the next record must start where this one would have.
    w.pos = start;
    throw error;
  }
  const length = w.pos - start - HEADER_SIZE;
  if (length > MAX_PAYLOAD) {
    w.pos = start;
    throw new RangeError(`a ${command.type} command encodes to ${length} bytes, more than the ${MAX_PAYLOAD} a record holds`);
  }
  const buf = w.buf;
  buf.writeUInt32LE(RECORD_MAGIC, start);
  buf.writeUInt32LE(length, start + 8);
  w.putU64(start + 12, seq);
  w.putU64(start + 20, time);
  buf.writeUInt32LE(crc32(buf, start + 8, w.pos), start + 4);
}

/** Receives one valid record; `bytes[start, end)` is its payload and is only valid during the call. */
export type RecordVisitor = (seq: number, time: number, bytes: Buffer, start: number, end: number) => void;

/** Why reading stopped before the end of the data. */
export interface BadRecord {
  offset: number;
  reason: string;
  /** Set when the record itself is intact but out of sequence: never a torn write. */
  foundSeq?: number;
}

/**
 * Walks records from `offset` up to `limit` bytes of the file in large chunks, checking magic,
 * length, CRC and seq continuity. Each `step` parses one chunk synchronously (no await per record).
 */
export class RecordWalker {
  private buf: Buffer;
  /** A view over `buf`, for the checks (header fields and CRC) every record gets. */
  private view: DataView;
  private base = 0;
  private loaded = 0;
  bad: BadRecord | undefined;

  constructor(
    private readonly fh: FileHandle,
    private readonly limit: number,
    public offset: number,
    /** Seq of the last record before `offset`. */
    public seq: number,
    chunkSize = CHUNK,
  ) {
    this.buf = Buffer.allocUnsafe(Math.min(chunkSize, Math.max(limit - offset, HEADER_SIZE)));
    this.view = viewOf(this.buf);
  }

  /** Visits every complete record in the next chunk. Returns false at the end of the data or at a bad record (see `bad`). */
  async step(visit: RecordVisitor | undefined): Promise<boolean> {
    if (this.offset >= this.limit) return false;
    await this.load(this.offset, HEADER_SIZE);
    const first = this.inspect(this.offset);
    if (first === PARTIAL) await this.load(this.offset, HEADER_SIZE + this.buf.readUInt32LE(this.offset - this.base + 8));
    let progressed = false;
    for (;;) {
      const total = this.inspect(this.offset);
      if (total === PARTIAL) {
        // A record cut by the chunk boundary is read again at the start of the next chunk.
        if (progressed) return true;
        throw new Error('unreachable: a full record was loaded but does not fit');
      }
      if (total === BAD) {
        this.bad = { offset: this.offset, reason: this.badReason(this.offset) };
        return false;
      }
      const p = this.offset - this.base;
      const seq = u64(this.view, p + 12);
      if (seq !== this.seq + 1) {
        this.bad = outOfSequence(this.offset, seq);
        return false;
      }
      visit?.(seq, u64(this.view, p + 20), this.buf, p + HEADER_SIZE, p + total);
      this.seq = seq;
      this.offset += total;
      progressed = true;
      if (this.offset >= this.limit) return false;
    }
  }

  /**
   * Checks the record at `offset` against what is loaded. Returns its total size, PARTIAL when
   * the loaded chunk ends inside it but the file does not, or BAD when it is invalid. It builds no
   * message: this runs for every record, and the compiler may hoist a message's number-to-string
   * conversion out of its branch, onto the path every valid record takes.
   */
  private inspect(offset: number): number {
    const p = offset - this.base;
    const inChunk = this.loaded - p;
    const inFile = this.limit - offset;
    if (inFile < HEADER_SIZE) return BAD;
    if (inChunk < HEADER_SIZE) return PARTIAL;
    const view = this.view;
    if (view.getUint32(p, true) !== RECORD_MAGIC) return BAD;
    const length = view.getUint32(p + 8, true);
    if (length > MAX_PAYLOAD) return BAD;
    const total = HEADER_SIZE + length;
    if (total > inFile) return BAD;
    if (total > inChunk) return PARTIAL;
    if (crc32View(view, p + 8, p + total) !== view.getUint32(p + 4, true)) return BAD;
    return total;
  }

  /** Why `inspect` found the record at `offset` invalid (the same checks, in the same order). */
  private badReason(offset: number): string {
    const p = offset - this.base;
    const inFile = this.limit - offset;
    if (inFile < HEADER_SIZE) return `incomplete header (${inFile} bytes left)`;
    const buf = this.buf;
    if (u32(buf, p) !== RECORD_MAGIC) return 'bad magic';
    const length = u32(buf, p + 8);
    if (length > MAX_PAYLOAD) return `impossible length ${length}`;
    const total = HEADER_SIZE + length;
    if (total > inFile) return `incomplete record (${inFile} of ${total} bytes)`;
    return 'bad crc32';
  }

  /** Makes file bytes [offset, offset + size) (clipped to the limit) resident, reading a whole chunk. */
  private async load(offset: number, size: number): Promise<void> {
    const want = Math.min(Math.max(size, this.buf.length), this.limit - offset);
    if (offset >= this.base && offset + Math.min(size, this.limit - offset) <= this.base + this.loaded) return;
    if (want > this.buf.length) {
      this.buf = Buffer.allocUnsafe(want);
      this.view = viewOf(this.buf);
    }
    this.loaded = await readFully(this.fh, this.buf, want, offset);
    this.base = offset;
  }
}

/** Offset of the first intact record (magic, sane length, CRC) at or after `from`, or -1. Any seq counts. */
export async function findIntactRecord(fh: FileHandle, from: number, limit: number): Promise<number> {
  const window = Buffer.allocUnsafe(CHUNK);
  let base = from;
  while (base < limit) {
    const n = await readFully(fh, window, Math.min(CHUNK, limit - base), base);
    let at = window.subarray(0, n).indexOf(MAGIC_BYTES);
    while (at >= 0) {
      if (await isIntactAt(fh, base + at, limit)) return base + at;
      at = window.subarray(0, n).indexOf(MAGIC_BYTES, at + 1);
    }
    if (base + n >= limit) break;
    base += n - (MAGIC_BYTES.length - 1); // overlap so a magic split across windows is still seen
  }
  return -1;
}

async function isIntactAt(fh: FileHandle, offset: number, limit: number): Promise<boolean> {
  if (limit - offset < HEADER_SIZE) return false;
  const header = Buffer.allocUnsafe(HEADER_SIZE);
  await readFully(fh, header, HEADER_SIZE, offset);
  const length = header.readUInt32LE(8);
  if (length > MAX_PAYLOAD || offset + HEADER_SIZE + length > limit) return false;
  const body = Buffer.allocUnsafe(HEADER_SIZE + length);
  await readFully(fh, body, body.length, offset);
  return crc32(body, 8, body.length) === header.readUInt32LE(4);
}

async function readFully(fh: FileHandle, buf: Buffer, size: number, position: number): Promise<number> {
  let done = 0;
  while (done < size) {
    const { bytesRead } = await fh.read(buf, done, size - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

function viewOf(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function outOfSequence(offset: number, seq: number): BadRecord {
  return { offset, reason: `found seq ${seq}`, foundSeq: seq };
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * TWO_32;
}

function u32(buf: Buffer, at: number): number {
  return ((buf[at] as number) | ((buf[at + 1] as number) << 8) | ((buf[at + 2] as number) << 16)) + (buf[at + 3] as number) * 16777216;
}
