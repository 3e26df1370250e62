// A decimal a file names as text (the markets file, the bots file), read by the rule every decimal of the API is read with.
import { z } from 'zod';
import { plainDecimalText } from './units.ts';

/**
 * A zod string that is a plain decimal of zero or more by plainDecimalText: digits with an optional fraction, no sign,
 * spaces, exponent or redundant leading zero ("05" is refused, as the API refuses it). Whether zero is a value, and the
 * grid, are the reader's to check. `example` is what the message shows ("0.01", "10000").
 */
export function plainDecimalString(example: string) {
  return z.string().refine((text) => {
    const plain = plainDecimalText(text);
    return plain !== undefined && !plain.startsWith('-');
  }, `must be a plain decimal string such as "${example}" (digits, no sign, spaces, exponent or leading zeros)`);
}
