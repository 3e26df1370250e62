// Small deterministic hashes: FNV-1a of a string, and a 64-bit one over two 32-bit lanes for engine state hashes.

const PRIME = 0x01000193;
const OFFSET = 0x811c9dc5;

/** FNV-1a over the string's UTF-16 code units, as an unsigned 32-bit integer. */
export function fnv1a32(text: string): number {
  let hash = OFFSET;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), PRIME) >>> 0;
  return hash;
}

/** Feeds numbers and strings into a running hash; order matters. */
export class StateHasher {
  private a = OFFSET;
  private b = 0x050c5d1f;

  number(value: number): this {
    // Doubles hold integers up to 2^53 exactly; split into two 32-bit halves.
    const high = Math.floor(value / 4294967296);
    this.mix(value >>> 0);
    this.mix(high >>> 0);
    return this;
  }

  string(value: string): this {
    this.mix(value.length);
    for (let i = 0; i < value.length; i++) this.mix(value.charCodeAt(i));
    return this;
  }

  optional(value: number | string | undefined): this {
    if (value === undefined) return this.mix(0xfeedface);
    return typeof value === 'number' ? this.number(value) : this.string(value);
  }

  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }

  private mix(word: number): this {
    this.a = Math.imul(this.a ^ (word & 0xffff), PRIME);
    this.a = Math.imul(this.a ^ (word >>> 16), PRIME);
    this.b = Math.imul(this.b ^ (word >>> 16), PRIME);
    this.b = Math.imul(this.b ^ (word & 0xffff), PRIME) ^ (this.a >>> 15);
    return this;
  }
}
