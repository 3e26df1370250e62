// Live public data of one symbol for the market screen: the L2 book, the trade tape and the 24h ticker, each loaded and kept current over the WebSocket.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useChannel } from '../../hooks/use-channel.ts';
import { api, type Ticker, type Trade } from '../../lib/api.ts';
import { applyBookMessage, EMPTY_BOOK, type BookState } from '../../lib/book.ts';
import { mergeTrades, TAPE_LENGTH } from './tape-data.ts';

/** How often at most a busy channel re-renders the screen; the data itself is folded on every message. */
const RENDER_EVERY_MS = 80;

/** Returns `schedule()`: calls `flush` at most once per `ms`, on the trailing edge, so bursts render once. */
function useThrottle(flush: () => void, ms: number): () => void {
  const latest = useRef(flush);
  latest.current = flush;
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}

/**
 * The book of `book:SYM`, folded from its snapshot and deltas. The WebSocket client drops stale
 * deltas and, on a gap, resubscribes; the fresh snapshot then replaces the whole book here.
 */
export function useBook(symbol: string | null): BookState {
  const folded = useRef<BookState>(EMPTY_BOOK);
  const [book, setBook] = useState<BookState>(EMPTY_BOOK);
  const schedule = useThrottle(() => setBook(folded.current), RENDER_EVERY_MS);
  useEffect(() => {
    folded.current = EMPTY_BOOK;
    setBook(EMPTY_BOOK);
  }, [symbol]);
  useChannel(symbol ? `book:${symbol}` : null, {
    onMessage: (message) => {
      const first = folded.current === EMPTY_BOOK;
      folded.current = applyBookMessage(folded.current, message);
      // The first snapshot shows at once; later changes are batched.
      if (first) setBook(folded.current);
      else schedule();
    },
  });
  return book;
}

export interface TapeState {
  /** Newest first. */
  readonly trades: readonly Trade[];
  readonly loaded: boolean;
}

/** Recent trades from REST, then live from `trades:SYM`; reloaded (and merged by trade id) after every resync. */
export function useTrades(symbol: string | null): TapeState {
  const folded = useRef<Trade[]>([]);
  const [state, setState] = useState<TapeState>({ trades: [], loaded: false });
  const schedule = useThrottle(() => setState({ trades: folded.current, loaded: true }), RENDER_EVERY_MS);
  const load = useCallback(async () => {
    if (!symbol) return;
    const { trades } = await api.get<{ trades: Trade[] }>(`/api/v1/markets/${encodeURIComponent(symbol)}/trades`, { limit: TAPE_LENGTH });
    folded.current = mergeTrades(folded.current, trades);
    setState({ trades: folded.current, loaded: true });
  }, [symbol]);
  useEffect(() => {
    folded.current = [];
    setState({ trades: [], loaded: false });
    void load().catch(() => undefined);
  }, [load]);
  useChannel<Trade[]>(symbol ? `trades:${symbol}` : null, {
    onMessage: (message) => {
      if (message.type !== 'trades' || !Array.isArray(message.data)) return;
      folded.current = mergeTrades(folded.current, message.data);
      schedule();
    },
    onResync: () => void load().catch(() => undefined),
  });
  return state;
}

/** The 24h ticker from REST, then live from `ticker:SYM`; the newer one (by `time`) wins. */
export function useTicker(symbol: string | null): Ticker | null | undefined {
  const [ticker, setTicker] = useState<Ticker | null | undefined>(undefined);
  const newer = (next: Ticker | null) => setTicker((current) => (next === null ? (current ?? null) : current && current.time > next.time ? current : next));
  const load = useCallback(async () => {
    if (!symbol) return;
    const { ticker: loaded } = await api.get<{ ticker: Ticker | null }>(`/api/v1/markets/${encodeURIComponent(symbol)}/ticker`);
    newer(loaded);
  }, [symbol]);
  useEffect(() => {
    setTicker(undefined);
    void load().catch(() => undefined);
  }, [load]);
  useChannel<Ticker>(symbol ? `ticker:${symbol}` : null, {
    onMessage: (message) => {
      if (message.type === 'ticker') newer(message.data);
    },
    onResync: () => void load().catch(() => undefined),
  });
  return ticker;
}
