// Where the host thread's time goes: a CPU profile taken in process, self time summed by area of the code.
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  /** Share of the profiled wall time per area, largest first. */
  readonly areas: ReadonlyArray<{ readonly area: string; readonly share: number }>;
  /** The functions with the most self time. */
  readonly top: ReadonlyArray<{ readonly fn: string; readonly share: number }>;
}

/** First match wins: the areas a reader can act on, from our layers down to the runtime. */
const AREAS: ReadonlyArray<[string, (url: string, fn: string) => boolean]> = [
  ['idle (waiting for I/O: fsync, worker messages)', (_, fn) => fn === '(idle)'],
  ['garbage collection', (_, fn) => fn === '(garbage collector)'],
  ['engine (risk holds, matching, clearing)', (url) => url.includes('/src/engine/') || url.includes('/src/core/')],
  ['journal (encode, append)', (url) => url.includes('/src/journal/')],
  ['read models (projector, SQLite, kysely)', (url) => url.includes('/src/store/') || url.includes('/kysely/') || url.includes('better-sqlite3') || url.includes('better_sqlite3')],
  ['risk and leaderboard', (url) => url.includes('/src/platform/risk/') || url.includes('/src/platform/portfolio/')],
  ['commit pipeline and feeds (exchange, market data, bus)', (url) => url.includes('/src/platform/') || url.includes('/src/marketdata/')],
  ['API layer (trading service, in-process client, views)', (url) => url.includes('/src/api/')],
  ['bot pool host side (ports, proxies, statuses)', (url) => url.includes('/src/bots/') || url.includes('/src/strategy/')],
  ['worker messaging (postMessage, structured clone)', (url, fn) => url.includes('internal/worker') || /postMessage|MessagePort|receiveMessage|serialize|deserialize/.test(fn)],
  ['runtime (native code, promises, timers)', (url, fn) => url === '' || fn === '(program)' || url.startsWith('node:')],
];

function areaOf(url: string, fn: string): string {
  for (const [area, match] of AREAS) if (match(url, fn)) return area;
  return 'other libraries';
}

/** Profiles this thread for `seconds` while it keeps running, and sums self time by area. */
export async function profileFor(seconds: number): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return summarize(profile);
  } finally {
    session.disconnect();
  }
}

function summarize(profile: CpuProfile): ProfileSummary {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const time = self.get(node.id) ?? 0;
    // The profiler's own start call (the inspector's native dispatch), not the program's work.
    if (time === 0 || (node.callFrame.functionName === 'dispatch' && node.callFrame.url === '')) continue;
    total += time;
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = functionName || '(anonymous)';
    const area = areaOf(url, fn);
    areas.set(area, (areas.get(area) ?? 0) + time);
    const where = url ? `${url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${lineNumber + 1}` : 'native';
    const key = `${fn} (${where})`;
    fns.set(key, (fns.get(key) ?? 0) + time);
  }
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).map(([name, time]) => [name, time / Math.max(1, total)] as const);
  return {
    areas: ranked(areas).map(([area, share]) => ({ area, share })),
    top: ranked(fns).filter(([fn]) => !fn.startsWith('(idle)')).slice(0, 12).map(([fn, share]) => ({ fn, share })),
  };
}
