// Live records from a running Bourse: its public trades and book channels over WebSocket, as backtest records in the instrument's units.
//
// Records are stamped with the time they arrive (never going back), so a recording of them replays
// on exactly the clock the live run had. A gap in the book's sequence resubscribes, and the fresh
// snapshot replaces the book.
import WebSocket from 'ws';
import { toUnits } from '../../core/decimal.ts';
import type { InstrumentSpec } from '../../core/instrument.ts';
import type { BookRecord, MarketRecord, TradeRecord } from '../types.ts';

interface TradeData {
  readonly price: string;
  readonly qty: string;
  readonly takerSide: 'buy' | 'sell';
}

interface BookData {
  readonly seq: number;
  readonly prevSeq?: number;
  readonly bids: ReadonlyArray<readonly [string, string]>;
  readonly asks: ReadonlyArray<readonly [string, string]>;
}

type FeedFrame = { readonly channel?: string; readonly type: string; readonly data?: unknown };

/** Records queued before the socket is paused, and the level it resumes at. */
const HIGH_WATER = 10_000;
const LOW_WATER = 1_000;

export interface LiveRecordsOptions {
  /** The server's WebSocket URL, such as ws://127.0.0.1:8080/ws. */
  readonly url: string;
  readonly spec: InstrumentSpec;
  /** Wall clock in ms (tests may pass their own). */
  readonly now?: () => number;
  /**
   * Told why, when the connection drops once open without `signal` asking: the records then end
   * as if stopped, so the run still reports what it heard, and the caller says it was cut short.
   */
  readonly onLost?: (why: string) => void;
}

/** Records until `signal` aborts (or the connection closes); iterate it once. */
export async function* liveRecords(options: LiveRecordsOptions, signal: AbortSignal): AsyncGenerator<MarketRecord> {
  const { spec } = options;
  const now = options.now ?? Date.now;
  const socket = new WebSocket(options.url);
  const queue: MarketRecord[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  let failure: Error | undefined;
  let lastTs = 0;
  let bookSeq: number | undefined;
  const stamp = () => (lastTs = Math.max(lastTs, now()));
  const push = (record: MarketRecord) => {
    queue.push(record);
    // A strategy slower than the feed makes the socket wait (the server's slow-consumer limit then
    // applies) rather than this queue grow without bound.
    if (queue.length === HIGH_WATER) socket.pause();
    wake?.();
  };
  const channels = [`trades:${spec.symbol}`, `book:${spec.symbol}`];
  const subscribe = (list: string[]) => socket.send(JSON.stringify({ op: 'subscribe', channels: list }));
  socket.on('open', () => subscribe(channels));
  socket.on('message', (raw: Buffer) => {
    try {
      onFrame(JSON.parse(raw.toString('utf8')) as FeedFrame);
    } catch (error) {
      // A frame that cannot be read ends the feed with its reason instead of crashing the process.
      failure = error instanceof Error ? error : new Error(String(error));
      socket.close();
      wake?.();
    }
  });
  const onFrame = (frame: FeedFrame) => {
    if (frame.channel === `trades:${spec.symbol}` && frame.type === 'trades') {
      for (const trade of frame.data as TradeData[]) push(tradeRecord(spec, trade, stamp()));
      return;
    }
    if (frame.channel !== `book:${spec.symbol}`) return;
    const book = frame.data as BookData;
    if (frame.type === 'snapshot') {
      bookSeq = book.seq;
      push(bookRecord(spec, book, true, stamp()));
    } else if (frame.type === 'delta' && bookSeq !== undefined) {
      if (book.seq <= bookSeq) return;
      if (book.prevSeq !== bookSeq) {
        // A missed delta: start the book over from a fresh snapshot.
        bookSeq = undefined;
        socket.send(JSON.stringify({ op: 'unsubscribe', channels: [`book:${spec.symbol}`] }));
        subscribe([`book:${spec.symbol}`]);
        return;
      }
      bookSeq = book.seq;
      push(bookRecord(spec, book, false, stamp()));
    }
  };
  let opened = false;
  socket.on('open', () => (opened = true));
  socket.on('error', (error) => {
    // Before it opens the feed cannot start; once open, the close that follows tells of the loss.
    if (!opened) failure = error;
    wake?.();
  });
  socket.on('close', (code: number, reason: Buffer) => {
    if (opened && !closed && !signal.aborted && failure === undefined) {
      const said = reason.toString('utf8');
      options.onLost?.(`the connection to ${options.url} was lost (close code ${code}${said ? `: ${said}` : ''})`);
    }
    closed = true;
    wake?.();
  });
  const abort = () => {
    closed = true;
    socket.close();
    wake?.();
  };
  signal.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      while (queue.length > 0) {
        yield queue.shift()!;
        if (queue.length === LOW_WATER && socket.isPaused) socket.resume();
      }
      if (failure) throw new Error(`feed ${options.url}: ${failure.message}`);
      if (closed || signal.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    signal.removeEventListener('abort', abort);
    socket.close();
  }
}

function units(value: string, unit: string, what: string): number {
  const result = toUnits(value, unit);
  if (result === undefined) throw new RangeError(`feed ${what} ${value} is not a multiple of ${unit}`);
  return result;
}

function tradeRecord(spec: InstrumentSpec, trade: TradeData, ts: number): TradeRecord {
  return { kind: 'trade', symbol: spec.symbol, ts, price: units(trade.price, spec.tickSize, 'price'), qty: units(trade.qty, spec.lotSize, 'qty'), takerSide: trade.takerSide };
}

function bookRecord(spec: InstrumentSpec, book: BookData, snapshot: boolean, ts: number): BookRecord {
  const levels = (side: BookData['bids']) => side.map(([price, qty]) => [units(price, spec.tickSize, 'price'), units(qty, spec.lotSize, 'qty')] as const);
  return { kind: 'book', symbol: spec.symbol, ts, snapshot, bids: levels(book.bids), asks: levels(book.asks) };
}
