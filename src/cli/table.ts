// Plain-text tables for the CLI: columns padded to their widest cell, text left-aligned and figures right-aligned.
import { parseDecimal, stepsOf, stepsToText } from '../strategy/exact.ts';
import { minorUnit } from '../strategy/venue-orders.ts';

/** A decimal string rounded to nearest (halves up) with exactly `places` decimals, so a column of them lines up; other text as it is. */
export function fixedPlaces(text: string, places: number): string {
  const value = parseDecimal(text);
  if (!value) return text;
  const step = parseDecimal(minorUnit(places))!;
  const rounded = stepsToText(stepsOf(value, step, 'nearest'), step);
  const [whole, fraction = ''] = rounded.split('.');
  return places === 0 ? whole! : `${whole}.${fraction.padEnd(places, '0')}`;
}

/** The lines of a table; columns listed in `left` are left-aligned (names), the others right-aligned (figures). */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, left: readonly number[] = []): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (left.includes(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
