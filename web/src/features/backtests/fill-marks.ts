// What the price chart says when it marks only every Nth fill; mirrors src/backtest/fill-marks.ts (test/figures-parity.test.ts holds them equal).

/**
 * What the chart says of thinned marks, as the HTML report does (src/backtest/fill-marks.ts): "every 2nd buy and every 2nd
 * sell marked (1,978 of 3,956)" when the marks hold both sides (each side is thinned on its own), "every 2nd fill marked (…)"
 * when they hold one; empty when every fill is marked.
 */
export function thinnedMarksText(marks: { readonly every: number; readonly total: number; readonly items: readonly unknown[] }): string {
  if (marks.every <= 1) return '';
  const counts = `(${marks.items.length.toLocaleString('en-US')} of ${marks.total.toLocaleString('en-US')})`;
  const sides = new Set(marks.items.map(sideOf));
  const which = sides.has('buy') && sides.has('sell') ? `every ${ordinal(marks.every)} buy and every ${ordinal(marks.every)} sell` : `every ${ordinal(marks.every)} fill`;
  return `${which} marked ${counts}`;
}

function sideOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && 'side' in item ? item.side : undefined;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
