// The record checksum must stay byte-for-byte zlib's CRC-32, whichever implementation computes it.
import fc from 'fast-check';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32View } from './crc32.ts';

describe('crc32', () => {
  it('equals zlib.crc32 on any range of any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length ? a % (bytes.length + 1) : 0;
        const end = start + (bytes.length - start ? b % (bytes.length - start + 1) : 0);
        const expected = zlibCrc32(bytes.subarray(start, end));
        expect(crc32(bytes, start, end)).toBe(expected);
        expect(crc32View(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), start, end)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'), 0, 9)).toBe(0xcbf43926);
  });
});
