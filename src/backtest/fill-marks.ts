// Which fills a price chart marks: every one up to a limit, beyond it every Nth, so the marks cover the whole run rather than stopping at the limit.

export interface FillMarks<T> {
  /** 1 when every fill is marked; N when every Nth is (the first, the N+1th, ...). */
  readonly every: number;
  /** Fills there are to mark. */
  readonly total: number;
  readonly items: readonly T[];
}

/** Fills in time order thinned evenly to at most `max`: every Nth with the smallest N that fits. */
export function thinFills<T>(fills: readonly T[], max: number): FillMarks<T> {
  const limit = Math.max(1, Math.floor(max));
  const every = Math.max(1, Math.ceil(fills.length / limit));
  const items = every === 1 ? fills : fills.filter((_, i) => i % every === 0);
  return { every, total: fills.length, items };
}

/** What a chart says under its marks when they are thinned: "every 2nd fill marked (1,978 of 3,956)"; empty when every fill is marked. */
export function thinnedMarksText(marks: Pick<FillMarks<unknown>, 'every' | 'total' | 'items'>): string {
  if (marks.every <= 1) return '';
  return `every ${ordinal(marks.every)} fill marked (${marks.items.length.toLocaleString('en-US')} of ${marks.total.toLocaleString('en-US')})`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
