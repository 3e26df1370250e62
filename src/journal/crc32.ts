// CRC-32 (IEEE, the one zlib computes) over a byte range, without allocating a view per record.
import { crc32 as zlibCrc32 } from 'node:zlib';

/**
 * Slice-by-8 tables: `TABLE[s * 256 + n]` is the CRC of byte n followed by s zero bytes. zlib's
 * crc32 is the reference and wins on long inputs, but for a 30-60 byte record its per-call cost
 * plus the subarray it needs is several times the checksum itself, and recovery checks every
 * record. Property tests keep the implementations identical.
 */
const TABLE = new Int32Array(256 * 8);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}
for (let n = 0; n < 256; n++) {
  for (let s = 1; s < 8; s++) {
    const prev = TABLE[(s - 1) * 256 + n] as number;
    TABLE[s * 256 + n] = (prev >>> 8) ^ (TABLE[prev & 255] as number);
  }
}

/** Above this many bytes the native implementation is faster than the table loop. */
const NATIVE_FROM = 256;

/** CRC-32 of bytes[start, end), equal to zlib.crc32(bytes.subarray(start, end)). */
export function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (end - start >= NATIVE_FROM) return zlibCrc32(bytes.subarray(start, end));
  const t = TABLE;
  let crc = -1;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    crc ^= (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24);
    crc =
      (t[768 + (crc & 255)] as number) ^ (t[512 + ((crc >>> 8) & 255)] as number) ^ (t[256 + ((crc >>> 16) & 255)] as number) ^ (t[crc >>> 24] as number);
  }
  for (; i < end; i++) crc = (t[(crc ^ (bytes[i] as number)) & 255] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/**
 * The same CRC-32 of bytes[start, end), read through a DataView over them: the record reader checks
 * every record, and a view loads eight bytes in two reads where a byte array needs eight.
 */
export function crc32View(view: DataView, start: number, end: number): number {
  const t = TABLE;
  let crc = -1;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a = view.getInt32(i, true) ^ crc;
    const b = view.getInt32(i + 4, true);
    crc =
      (t[1792 + (a & 255)] as number) ^
      (t[1536 + ((a >>> 8) & 255)] as number) ^
      (t[1280 + ((a >>> 16) & 255)] as number) ^
      (t[1024 + (a >>> 24)] as number) ^
      (t[768 + (b & 255)] as number) ^
      (t[512 + ((b >>> 8) & 255)] as number) ^
      (t[256 + ((b >>> 16) & 255)] as number) ^
      (t[b >>> 24] as number);
  }
  for (; i < end; i++) crc = (t[(crc ^ view.getUint8(i)) & 255] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
