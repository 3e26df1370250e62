// Messages between the store and its projection thread: batches to apply, watermark reads and close, each answered once by id.
import type { PackedEvents } from './event-pack.ts';
import type { ProjectionResult } from './projector.ts';
import type { CandleRow } from './schema.ts';

export interface ProjectionWorkerData {
  readonly sqlitePath: string;
}

export type ProjectionRequest =
  | { readonly kind: 'apply'; readonly id: number; readonly events: PackedEvents; readonly meta: Readonly<Record<string, number>>; readonly candles: readonly CandleRow[] }
  | { readonly kind: 'watermark'; readonly id: number }
  | { readonly kind: 'close'; readonly id: number };

/** The answer to one request; `queries` are the statements it ran, as [sql, ms], for the main thread's metrics. */
export type ProjectionReply = { readonly id: number; readonly queries: Array<[string, number]> } & ({ readonly result: ProjectionResult | number | undefined } | { readonly error: string });
