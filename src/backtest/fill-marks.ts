// Which fills a price chart marks: every one up to a limit, beyond it every Nth buy and every Nth sell, so the marks cover the
// whole run and both sides. Counting over all fills instead would fall in step with a strategy that alternates buy and sell:
// every 2nd fill of buy, sell, buy, sell is every buy and no sell. Counted per side, it is every other round trip, entry and exit.

export interface FillMarks<T> {
  /** 1 when every fill is marked; N when every Nth fill of each side is (the first, the N+1th, ... buy, and the same of the sells). */
  readonly every: number;
  /** Fills there are to mark. */
  readonly total: number;
  /** In time order, as the fills were. */
  readonly items: readonly T[];
}

/**
 * Fills in time order thinned evenly to at most `max`: every Nth buy and every Nth sell, with the smallest N that fits, so each
 * side keeps its share of the marks and both sides show whenever both traded and `max` is 2 or more. Items without a `side`
 * count as one side (every Nth of them). A `max` of 1 with both sides present marks only the first fill.
 */
export function thinFills<T>(fills: readonly T[], max: number): FillMarks<T> {
  const limit = Math.max(1, Math.floor(max));
  const total = fills.length;
  if (total <= limit) return { every: 1, total, items: fills };
  const sides = new Map<unknown, number>();
  for (const fill of fills) {
    const side = sideOf(fill);
    sides.set(side, (sides.get(side) ?? 0) + 1);
  }
  const every = smallestStep(total, limit, [...sides.values()]);
  // Only a limit below the number of sides finds no step: every total-th fill is then the first one, and says so.
  if (every === undefined) return { every: total, total, items: fills.slice(0, 1) };
  const seen = new Map<unknown, number>();
  const items = fills.filter((fill) => {
    const side = sideOf(fill);
    const index = seen.get(side) ?? 0;
    seen.set(side, index + 1);
    return index % every === 0;
  });
  return { every, total, items };
}

/**
 * The smallest N whose every-Nth of each side is at most `limit` marks. N = ceil(total / limit) fits all fills on one side; two
 * sides may round up one mark each, and N = ceil(total / (limit - 1)) always fits them, so the search is short.
 */
function smallestStep(total: number, limit: number, counts: readonly number[]): number | undefined {
  if (counts.length > limit) return undefined;
  for (let every = Math.ceil(total / limit); every <= total; every++) {
    if (counts.reduce((sum, count) => sum + Math.ceil(count / every), 0) <= limit) return every;
  }
  return undefined;
}

function sideOf(fill: unknown): unknown {
  return typeof fill === 'object' && fill !== null && 'side' in fill ? fill.side : undefined;
}

/**
 * What a chart says under its marks when they are thinned: "every 2nd buy and every 2nd sell marked (1,978 of 3,956)" when
 * the marks hold both sides, "every 2nd fill marked (…)" when they hold one; empty when every fill is marked.
 */
export function thinnedMarksText(marks: Pick<FillMarks<unknown>, 'every' | 'total' | 'items'>): string {
  if (marks.every <= 1) return '';
  const counts = `(${marks.items.length.toLocaleString('en-US')} of ${marks.total.toLocaleString('en-US')})`;
  const sides = new Set(marks.items.map(sideOf));
  const which = sides.has('buy') && sides.has('sell') ? `every ${ordinal(marks.every)} buy and every ${ordinal(marks.every)} sell` : `every ${ordinal(marks.every)} fill`;
  return `${which} marked ${counts}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
