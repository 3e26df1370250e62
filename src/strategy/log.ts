// Strategy logging: a Logger bound to a strategy name and clock, writing to an injected sink.
import type { LogEntry, Logger, LogLevel, LogSink } from './types.ts';

/** A sink for when none is given: one JSON line per entry on the console (errors on stderr). */
export const consoleSink: LogSink = (entry) => {
  const line = JSON.stringify(entry);
  if (entry.level === 'error') console.error(line);
  else console.log(line);
};

/** A sink that keeps entries in memory, for tests and reports. */
export function memorySink(): { readonly sink: LogSink; readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { sink: (entry) => entries.push(entry), entries };
}

export function createLogger(strategy: string, now: () => number, sink: LogSink): Logger {
  const write = (level: LogLevel) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
    // A broken sink must not take the strategy down with it; the line is lost, the run goes on.
    try {
      sink(fields === undefined ? { ts: now(), level, strategy, message } : { ts: now(), level, strategy, message, fields });
    } catch {
      /* ignored on purpose */
    }
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
