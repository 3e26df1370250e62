// Byte-level building blocks of the journal formats: a growable writer, a reader, varints, exact numbers, UTF-8 strings.

/** Thrown when bytes cannot be decoded: the caller reads past the end or meets an unknown tag. */
export class CodecError extends Error {
  override name = 'CodecError';
}

const TWO_32 = 4294967296;
const TWO_52 = 2 ** 52;
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

/**
 * Marks a string whose UTF-16 code units are stored raw because it holds a lone surrogate, which
 * UTF-8 cannot carry. Well-formed strings never match, so they always take the UTF-8 path.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Appends bytes to one growing buffer. `reset()` keeps the memory so a writer can be reused per batch. */
export class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(initialSize = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Bytes written so far; a view that stays valid until the next write that grows the buffer or `reset`. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  /** Unsigned integer 0 <= value < 2^56, 7 bits per byte, low bits first. */
  varint(value: number): void {
    this.ensure(8);
    const buf = this.buf;
    let pos = this.pos;
    while (value >= 128) {
      buf[pos++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    buf[pos++] = value;
    this.pos = pos;
  }

  /**
   * Any JS number, exactly. Safe integers become a zigzag varint shifted by one (so small values of
   * either sign take one byte). The shifted value must stay exact in a double, so it covers
   * |value| < 2^52; everything else (larger integers, fractions, -0, NaN, infinities) is the marker
   * 0 followed by the float64, so even a command the engine will reject replays exactly as sent.
   */
  num(value: number): void {
    if (Number.isInteger(value) && value < TWO_52 && value > -TWO_52 && !Object.is(value, -0)) {
      this.varint(value >= 0 ? value * 2 + 1 : -value * 2);
      return;
    }
    this.ensure(9);
    this.buf[this.pos++] = 0;
    f64[0] = value;
    this.buf.set(f64Bytes, this.pos);
    this.pos += 8;
  }

  /** Length prefix (byte count * 2) then UTF-8; a lone surrogate switches to (units * 2 + 1) then UTF-16LE. */
  str(value: string): void {
    const n = value.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (value.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.varint(n * 2);
      this.ensure(n);
      const buf = this.buf;
      let pos = this.pos;
      for (let i = 0; i < n; i++) buf[pos++] = value.charCodeAt(i);
      this.pos = pos;
    } else if (LONE_SURROGATE.test(value)) {
      this.varint(n * 2 + 1);
      this.ensure(n * 2);
      this.pos += this.buf.write(value, this.pos, 'utf16le');
    } else {
      const size = Buffer.byteLength(value, 'utf8');
      this.varint(size * 2);
      this.ensure(size);
      this.pos += this.buf.write(value, this.pos, 'utf8');
    }
  }

  /** Little-endian u32 at a position already written (used to fill in headers). */
  putU32(at: number, value: number): void {
    this.buf.writeUInt32LE(value >>> 0, at);
  }

  /** Little-endian u64 for a non-negative safe integer, as two u32 halves. */
  putU64(at: number, value: number): void {
    this.buf.writeUInt32LE(value % TWO_32, at);
    this.buf.writeUInt32LE(Math.floor(value / TWO_32), at + 4);
  }
}

const nameCache: Array<string | undefined> = new Array<string | undefined>(64).fill(undefined);

/** Reads what ByteWriter wrote, between `pos` and `end`. One instance can be re-pointed at many payloads. */
export class ByteReader {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;

  reset(buf: Uint8Array, start: number, end: number): this {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    return this;
  }

  u8(): number {
    if (this.pos >= this.end) throw new CodecError('unexpected end of data');
    return this.buf[this.pos++] as number;
  }

  varint(): number {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    if (pos >= end) throw new CodecError('unexpected end of data');
    let byte = buf[pos++] as number;
    let value = byte & 127;
    // Up to four bytes (28 bits) the value is built with integer operations; longer ones in doubles.
    let shift = 7;
    while (byte >= 128 && shift < 28) {
      if (pos >= end) throw new CodecError('unexpected end of data');
      byte = buf[pos++] as number;
      value |= (byte & 127) << shift;
      shift += 7;
    }
    let scale = 2 ** 28;
    while (byte >= 128) {
      if (pos >= end) throw new CodecError('unexpected end of data');
      if (scale > 2 ** 49) throw new CodecError('varint too long');
      byte = buf[pos++] as number;
      value += (byte & 127) * scale;
      scale *= 128;
    }
    this.pos = pos;
    return value;
  }

  num(): number {
    // Most numbers in a command (times, ids, quantities, prices) take one to three bytes: decode
    // those here, in a function small enough to be inlined, and leave the rest to `numSlow`.
    const buf = this.buf;
    const pos = this.pos;
    const end = this.end;
    let u: number;
    let next: number;
    const b0 = pos < end ? (buf[pos] as number) : 0;
    if (b0 < 128) {
      u = b0;
      next = pos + 1;
    } else {
      const b1 = pos + 1 < end ? (buf[pos + 1] as number) : 255;
      if (b1 < 128) {
        u = (b0 & 127) | (b1 << 7);
        next = pos + 2;
      } else {
        const b2 = pos + 2 < end ? (buf[pos + 2] as number) : 255;
        if (b2 >= 128) return this.numSlow();
        u = (b0 & 127) | ((b1 & 127) << 7) | (b2 << 14);
        next = pos + 3;
      }
    }
    // Zero is the marker of a float64 (and also what a missing byte reads as here): the slow path.
    if (u === 0) return this.numSlow();
    this.pos = next;
    return u & 1 ? (u - 1) >> 1 : -(u >> 1);
  }

  /** `num` for any encoding: long varints, the float64 marker, and data that ends early. */
  private numSlow(): number {
    const u = this.varint();
    if (u !== 0) {
      // Undo the zigzag shift: odd u is (u - 1) / 2, even u is -u / 2. Halving a whole double by
      // multiplication is exact, and cheaper than a division or a remainder.
      const half = Math.floor(u * 0.5);
      return half * 2 === u ? -half : half;
    }
    if (this.pos + 8 > this.end) throw new CodecError('unexpected end of data');
    for (let i = 0; i < 8; i++) f64Bytes[i] = this.buf[this.pos + i] as number;
    this.pos += 8;
    return f64[0] as number;
  }

  /**
   * A string that repeats a lot (symbol, asset code). A one-entry-per-bucket cache returns the same
   * string instance for the same bytes: no allocation, and the engine's Map lookups reuse its hash.
   */
  name(): string {
    const buf = this.buf;
    const pos = this.pos;
    const prefix = buf[pos] as number;
    // One-byte prefix, even (UTF-8), at most 16 bytes, all present: otherwise the general path.
    if (prefix >= 128 || prefix & 1 || prefix > 32 || pos + 1 + prefix / 2 > this.end) return this.str();
    const size = prefix / 2;
    const start = pos + 1;
    const slot = (size * 31 + (size ? (buf[start] as number) * 7 + (buf[start + size - 1] as number) : 0)) & 63;
    const cached = nameCache[slot];
    if (cached !== undefined && cached.length === size) {
      let same = true;
      for (let i = 0; i < size; i++) {
        if (cached.charCodeAt(i) !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.pos = start + size;
        return cached;
      }
    }
    const value = this.str();
    if (value.length === size) nameCache[slot] = value; // ASCII only: one byte per char
    return value;
  }

  str(): string {
    const prefix = this.varint();
    const utf16 = prefix % 2 === 1;
    const size = utf16 ? (prefix - 1) : prefix / 2;
    const start = this.pos;
    const stop = start + size;
    if (stop > this.end) throw new CodecError('string runs past the end of data');
    this.pos = stop;
    const buf = this.buf;
    if (utf16) return Buffer.from(buf.buffer, buf.byteOffset + start, size).toString('utf16le');
    // Short ASCII strings (symbols, assets, client order ids) are built directly: much cheaper than a decoder call.
    if (size <= 24) {
      let out = '';
      for (let i = start; i < stop; i++) {
        const c = buf[i] as number;
        if (c >= 0x80) return Buffer.from(buf.buffer, buf.byteOffset + start, size).toString('utf8');
        out += String.fromCharCode(c);
      }
      return out;
    }
    return Buffer.from(buf.buffer, buf.byteOffset + start, size).toString('utf8');
  }
}

/** Deepest nesting of the generic value format, checked on both write and read. */
const MAX_DEPTH = 64;

/** Tags of the self-describing value format used for rare commands and for anything the fast layouts cannot hold. */
const Tag = { Undefined: 0, Null: 1, False: 2, True: 3, Number: 4, String: 5, Array: 6, Object: 7 } as const;

/**
 * Writes plain data (objects, arrays, strings, numbers, booleans, null) exactly. Object properties
 * whose value is undefined are left out, as if absent; an undefined array element is kept.
 */
export function writeValue(w: ByteWriter, value: unknown, depth = 0): void {
  // The same limit readValue enforces, so nothing is journaled that could not be read back.
  if (depth > MAX_DEPTH) throw new CodecError('value nested too deeply');
  if (value === null) return w.u8(Tag.Null);
  switch (typeof value) {
    case 'undefined':
      return w.u8(Tag.Undefined);
    case 'boolean':
      return w.u8(value ? Tag.True : Tag.False);
    case 'number':
      w.u8(Tag.Number);
      return w.num(value);
    case 'string':
      w.u8(Tag.String);
      return w.str(value);
    case 'object':
      if (Array.isArray(value)) {
        w.u8(Tag.Array);
        w.varint(value.length);
        for (const item of value as unknown[]) writeValue(w, item, depth + 1);
        return;
      }
      if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        w.u8(Tag.Object);
        w.varint(entries.length);
        for (const [key, v] of entries) {
          w.str(key);
          writeValue(w, v, depth + 1);
        }
        return;
      }
      throw new CodecError(`cannot encode an instance of ${value.constructor.name}`);
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new CodecError(`cannot encode a ${typeof value}`);
  }
  throw new CodecError('cannot encode this value');
}

export function readValue(r: ByteReader, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new CodecError('value nested too deeply');
  const tag = r.u8();
  switch (tag) {
    case Tag.Undefined:
      return undefined;
    case Tag.Null:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.Number:
      return r.num();
    case Tag.String:
      return r.str();
    case Tag.Array: {
      const n = r.varint();
      if (n > r.end - r.pos) throw new CodecError('array longer than the data');
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(readValue(r, depth + 1));
      return out;
    }
    case Tag.Object: {
      const n = r.varint();
      if (n > r.end - r.pos) throw new CodecError('object larger than the data');
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const key = r.str();
        // defineProperty keeps a key named __proto__ an ordinary own property, as it was when encoded.
        Object.defineProperty(out, key, { value: readValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      throw new CodecError(`unknown value tag ${tag}`);
  }
}
