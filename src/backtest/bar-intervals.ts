// Whether bar data can reach a strategy: a strategy hears only the bar intervals it lists, and bars of one interval are never built into another.

/**
 * Why a run of `interval` bars would never call the strategy's onBar: it lists bar intervals, and
 * not this one. Undefined when it can run (it lists this one, or none: it trades on something else).
 * `askFor` words the way to ask for bars of an interval where the caller takes it ("use 1m bars",
 * "give --interval 1m").
 */
export function barIntervalProblem(strategy: { readonly name: string; readonly bars: readonly string[] }, interval: string, askFor: (interval: string) => string): string | undefined {
  if (strategy.bars.length === 0 || strategy.bars.includes(interval)) return undefined;
  const listed = strategy.bars.join(', ');
  return `${strategy.name} listens to ${listed} bars and the data is ${interval} bars, so its onBar would never run: ${askFor(strategy.bars[0]!)}, or list "${interval}" in the strategy's bars`;
}
