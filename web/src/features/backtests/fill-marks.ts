// What the price chart says when it marks only every Nth fill; mirrors src/backtest/fill-marks.ts (test/figures-parity.test.ts holds them equal).

/** What the chart says of thinned marks, as the HTML report does (src/backtest/fill-marks.ts): "every 2nd fill marked (1,978 of 3,956)"; empty when every fill is marked. */
export function thinnedMarksText(marks: { readonly every: number; readonly total: number; readonly items: readonly unknown[] }): string {
  if (marks.every <= 1) return '';
  return `every ${ordinal(marks.every)} fill marked (${marks.items.length.toLocaleString('en-US')} of ${marks.total.toLocaleString('en-US')})`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
