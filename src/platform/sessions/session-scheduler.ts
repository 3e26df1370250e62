// Ends each instrument's trading session at its close: tracks every symbol's next close and ends the sessions whose close has come.
import type { EngineEvent } from '../../core/events.ts';
import { SessionCalendar } from '../../core/session-calendar.ts';
import { WEEKDAYS, type SessionClose, type Weekday } from '../../core/session-close.ts';

/** Longest a timer may wait (setTimeout's limit); a later close is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SessionSchedulerOptions {
  /** Each symbol's close; a symbol not here closes by DEFAULT_SESSION_CLOSE. */
  readonly closes?: Readonly<Record<string, SessionClose>>;
  /**
   * Ends one symbol's session through the command path, the command stamped `ts`; resolves with its
   * events once they are committed. Undefined when there is nothing to end (no day orders on it).
   */
  readonly endSession: (symbol: string, ts: number) => Promise<readonly EngineEvent[]> | undefined;
  /** Epoch ms; the timer waits for the next close on it. */
  readonly clock: () => number;
  readonly logger: { info(details: object, message: string): void; error(details: object, message: string): void };
}

/** A symbol's session close with its days spelled out, and the next close after a given instant. */
export interface SessionView {
  readonly close: string;
  readonly timeZone: string;
  readonly days: readonly Weekday[];
  readonly nextClose: number;
}

/**
 * Ends each symbol's session once per close (see SessionCalendar). Tracking a symbol from the time
 * of the last journaled command means a close that passed while the process was down is ended at
 * the first `endDue` after start-up, and a close that passed with no command since ends before the
 * next one.
 */
export class SessionScheduler {
  private readonly calendar: SessionCalendar;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: SessionSchedulerOptions) {
    this.calendar = new SessionCalendar(options.closes);
  }

  /** The close that applies to the symbol. */
  closeOf(symbol: string): SessionClose {
    return this.calendar.closeOf(symbol);
  }

  /** The symbol's close and its next close strictly after `at`. */
  view(symbol: string, at: number): SessionView {
    const close = this.closeOf(symbol);
    return { close: close.close, timeZone: close.timeZone, days: close.days ?? WEEKDAYS, nextClose: this.calendar.nextCloseOf(symbol, at) };
  }

  /** Starts ending the symbols' sessions at each close after `from` (a symbol already tracked keeps its next close). */
  track(symbols: Iterable<string>, from: number): void {
    this.calendar.track(symbols, from);
    this.rearm();
  }

  /** Whether some tracked close has come by `ts`: cheap enough to ask before every command. */
  isDue(ts: number): boolean {
    return this.calendar.isDue(ts);
  }

  /**
   * Ends the session of every symbol whose close has come by `ts`, each moved on to its first close
   * after `ts` (several closes missed end once). The commands are journaled before this returns, so
   * a command journaled next comes after them; resolves once they are committed. A session that
   * cannot be ended (the exchange is failing) is logged; its orders expire at the next start.
   */
  endDue(ts: number): Promise<void> {
    if (!this.isDue(ts)) return Promise.resolve();
    const ended = this.calendar.takeDue(ts).map(([symbol, close]) => this.end(symbol, close, ts));
    this.rearm();
    return Promise.all(ended).then(() => undefined);
  }

  /** Ends sessions on the clock until `stop`: a timer waits for the earliest close. */
  start(): void {
    this.running = true;
    this.rearm();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async end(symbol: string, close: number, ts: number): Promise<void> {
    const { logger } = this.options;
    const details = { symbol, close: new Date(close).toISOString() };
    try {
      const events = await this.options.endSession(symbol, ts);
      if (events === undefined) return;
      const expired = events.filter((event) => event.type === 'OrderExpired').length;
      logger.info({ ...details, expired }, `the trading session of ${symbol} closed: its day orders expired`);
    } catch (error) {
      logger.error({ ...details, err: error }, `ending the trading session of ${symbol} failed; its day orders expire at the next start`);
    }
  }

  private rearm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const earliest = this.calendar.nextDue();
    if (!this.running || earliest === Infinity) return;
    const wait = Math.min(Math.max(earliest - this.options.clock(), 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = this.options.clock();
      if (this.isDue(now)) void this.endDue(now);
      else this.rearm();
    }, wait);
    this.timer.unref();
  }
}
