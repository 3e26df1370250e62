// Recordings of a market stream: one JSON line for the market (and the history the run was warmed up on), then one per record, so a live run can be replayed exactly.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { BacktestMarket, MarketRecord } from '../types.ts';

interface Header {
  readonly bourseRecording: 1;
  readonly market: BacktestMarket;
  /** The bars the run was warmed up on before its first record (absent in recordings made before runs had any). */
  readonly warmup?: readonly MarketRecord[];
}

/** Passes records through while writing each to `path`; the file is complete when iteration ends. */
export async function* recordTo(path: string, market: BacktestMarket, records: AsyncIterable<MarketRecord>, warmup: readonly MarketRecord[] = []): AsyncGenerator<MarketRecord> {
  const out = createWriteStream(path);
  // Without a listener a failed open (no such directory) would be an uncaught 'error' event; it fails the next write instead.
  let failed: Error | undefined;
  out.on('error', (error) => (failed ??= error));
  const write = async (line: string) => {
    if (failed) throw new Error(`cannot write the recording ${path}`, { cause: failed });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  try {
    await write(JSON.stringify({ bourseRecording: 1, market, ...(warmup.length > 0 && { warmup }) } satisfies Header));
    for await (const record of records) {
      await write(JSON.stringify(record));
      yield record;
    }
  } finally {
    await close(out);
  }
  if (failed) throw new Error(`cannot write the recording ${path}`, { cause: failed });
}

/** Reads a recording: its market, the history its run was warmed up on, and its records in order. */
export async function readRecording(path: string): Promise<{ market: BacktestMarket; warmup: readonly MarketRecord[]; records: AsyncIterable<MarketRecord> }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = first.done ? undefined : (JSON.parse(first.value) as Partial<Header>);
  if (header?.bourseRecording !== 1 || !header.market) throw new Error(`${path} is not a Bourse market recording`);
  const records = (async function* () {
    for (let line = await lines.next(); !line.done; line = await lines.next()) if (line.value !== '') yield JSON.parse(line.value) as MarketRecord;
  })();
  return { market: header.market, warmup: header.warmup ?? [], records };
}

function close(out: WriteStream): Promise<void> {
  if (out.destroyed) return Promise.resolve();
  return new Promise((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
