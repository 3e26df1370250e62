// A strategy's failure in one line: the handler, the message, and where in the strategy's own file it was thrown.
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bourse's own sources: frames in them (the runtime, the SDK, built-in strategies) are not the strategy's. */
const OWN_SOURCES = fileURLToPath(new URL('..', import.meta.url));

/** A stack frame's file, line and column: "at fn (/path/x.ts:3:9)", "at /path/x.ts:3:9" or a file:// URL; never Node's own "node:internal/...". */
const FRAME = /^at (?:.*? \()?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/;

/**
 * Where `error` was thrown in a strategy file, as "strategies/mine.ts:23:11" (relative to the
 * working directory when under it): the first frame outside Bourse's sources and its packages.
 * Undefined for an error with no such frame (a built-in strategy's, a thrown non-Error).
 */
export function thrownAt(error: unknown): string | undefined {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return undefined;
  for (const line of error.stack.split('\n').slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (file.startsWith(OWN_SOURCES) || file.includes(`${sep}node_modules${sep}`)) continue;
    const near = relative(process.cwd(), file);
    return `${near.startsWith('..') || isAbsolute(near) ? file : near}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** "onBar: boom (at strategies/mine.ts:23:11)": what a failed handler's status and a backtest's result say. */
export function failureText(during: string, error: unknown): string {
  const where = thrownAt(error);
  return `${during}: ${error instanceof Error ? error.message : String(error)}${where === undefined ? '' : ` (at ${where})`}`;
}
