// The hash the engine's open-addressing tables use for safe-integer keys (ids, prices).

/** Mixes a safe integer (up to 2^53) into 32 bits; both halves count, so keys past 2^32 spread too. */
export function hashId(key: number): number {
  // key * 2^-32 is exactly key / 2^32 (a power of two), and a multiplication is much cheaper than a division.
  const h = Math.imul((key >>> 0) ^ Math.imul((key * 2.3283064365386963e-10) | 0, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 16);
}
