// Plain-text tables for the CLI: columns padded to their widest cell, text left-aligned and figures right-aligned.
import { parseDecimal, stepsOf, stepsToText } from '../strategy/exact.ts';
import { minorUnit } from '../strategy/venue-orders.ts';

/**
 * A decimal string rounded to `places` decimals, halves away from zero ("-3.005" is "-3.01"), so a column of them lines up;
 * other text as it is. It rounds as the dashboard's toPlaces (web/src/lib/decimal.ts) does, and a value that rounds to zero has no sign.
 */
export function fixedPlaces(text: string, places: number): string {
  const value = parseDecimal(text);
  if (!value) return text;
  const negative = value.digits < 0n;
  const step = parseDecimal(minorUnit(places))!;
  const steps = stepsOf({ digits: negative ? -value.digits : value.digits, scale: value.scale }, step, 'nearest');
  const [whole, fraction = ''] = stepsToText(steps, step).split('.');
  const magnitude = places === 0 ? whole! : `${whole}.${fraction.padEnd(places, '0')}`;
  return negative && steps !== 0n ? `-${magnitude}` : magnitude;
}

/** The lines of a table; columns listed in `left` are left-aligned (names), the others right-aligned (figures). */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, left: readonly number[] = []): string[] {
  // A cell stays on its line: a multi-line text (an error with its details) is joined with "; ".
  rows = rows.map((row) => row.map(oneLine));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (left.includes(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** "a\n  b\n  c" -> "a; b; c", "a:\n  - b" -> "a: b": the lines of a text on one, trimmed and without list bullets, the empty ones dropped. */
export function oneLine(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  const parts = text
    .split(/\r?\n|\r/)
    .map((part) => part.trim().replace(/^[-*•]\s+/, ''))
    .filter((part) => part.length > 0);
  return parts.reduce((line, part) => (line === '' ? part : `${line}${line.endsWith(':') ? ' ' : '; '}${part}`), '');
}
