// Paper trading: a strategy against a running Bourse market's live feed, through the same venue and book-replay model a backtest uses.
//
// The strategy's orders never reach the exchange: they rest and fill in the paper venue, against the
// live book and trades as the book-replay model reads them. Time is market time (each record is
// stamped when it arrives), so timers follow the feed, and a recording of the run replays to the
// very same fills.
import type { InstrumentSpec } from '../../core/instrument.ts';
import type { SessionClose } from '../../core/session-close.ts';
import type { BacktestMarket } from '../types.ts';
import { runBacktest, type BacktestOptions, type BacktestResult } from '../run-backtest.ts';
import { liveRecords } from './live-records.ts';
import { recordTo } from './recording.ts';

export interface PaperOptions extends Omit<BacktestOptions, 'data' | 'fillModel' | 'market'> {
  /** The server's WebSocket URL, such as ws://127.0.0.1:8080/ws. */
  readonly url: string;
  /** The instrument traded, as the server lists it. */
  readonly instrument: InstrumentSpec;
  /** The instrument's trading-session close as the server lists it (DAY orders expire at it); midnight UTC when absent. */
  readonly session?: SessionClose;
  readonly assets: BacktestOptions['market']['assets'];
  /** Ends the run (and the feed); the results cover what was heard until then. */
  readonly signal: AbortSignal;
  /** Also write every record heard to this file, for an exact replay with `replay` (the warm-up goes in its header). */
  readonly recordPath?: string;
  /** Told why when the feed drops before `signal` ends the run: the run then ends with what it heard. */
  readonly onFeedLost?: (why: string) => void;
}

export function runPaper(options: PaperOptions): Promise<BacktestResult> {
  const { url, instrument, session, assets, signal, recordPath, onFeedLost, ...run } = options;
  const market: BacktestMarket = { assets, instruments: [instrument], ...(session && { sessions: { [instrument.symbol]: session } }) };
  const live = liveRecords({ url, spec: instrument, onLost: onFeedLost }, signal);
  const warmup = [...(run.warmup ?? [])];
  return runBacktest({ ...run, warmup, market, data: recordPath ? recordTo(recordPath, market, live, warmup) : live, fillModel: 'book-replay' });
}
