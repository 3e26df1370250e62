// Each symbol's next trading-session close, moved on close by close: what the exchange's scheduler and a backtest's clock both end sessions by.
import { DEFAULT_SESSION_CLOSE, nextSessionClose, type SessionClose } from './session-close.ts';

/**
 * A symbol's session has ended for every close up to the instant it was tracked from; each close
 * after that is due once, at or after it. `takeDue` hands over the closes that have come and moves
 * each symbol on to its first close after then, so several closes missed are due once.
 */
export class SessionCalendar {
  private readonly next = new Map<string, number>();
  private earliest = Infinity;
  /** Per close (symbols of one session share it): the next close found, and from when it is the next. */
  private readonly known = new Map<SessionClose, { readonly from: number; readonly next: number }>();

  /** `closes` gives each symbol's close; a symbol not in it closes by DEFAULT_SESSION_CLOSE. */
  constructor(private readonly closes: Readonly<Record<string, SessionClose>> = {}) {}

  /** The close that applies to the symbol. */
  closeOf(symbol: string): SessionClose {
    return this.closes[symbol] ?? DEFAULT_SESSION_CLOSE;
  }

  /** The symbol's first close strictly after `at`. */
  nextCloseOf(symbol: string, at: number): number {
    return this.nextClose(this.closeOf(symbol), at);
  }

  /** Starts counting the symbols' closes after `from` (a symbol already tracked keeps its next close). */
  track(symbols: Iterable<string>, from: number): void {
    for (const symbol of symbols) {
      if (this.next.has(symbol)) continue;
      const close = this.nextCloseOf(symbol, from);
      this.next.set(symbol, close);
      if (close < this.earliest) this.earliest = close;
    }
  }

  /** The earliest close not yet taken (Infinity when nothing is tracked). */
  nextDue(): number {
    return this.earliest;
  }

  /** Whether some tracked close has come by `ts`: cheap enough to ask before every command. */
  isDue(ts: number): boolean {
    return ts >= this.earliest;
  }

  /** The symbols whose close has come by `ts`, each with that close, in tracking order; each moves on to its first close after `ts`. */
  takeDue(ts: number): Array<readonly [symbol: string, close: number]> {
    if (!this.isDue(ts)) return [];
    const due: Array<readonly [string, number]> = [];
    let earliest = Infinity;
    for (const [symbol, close] of this.next) {
      let next = close;
      if (close <= ts) {
        due.push([symbol, close]);
        next = this.nextCloseOf(symbol, ts);
        this.next.set(symbol, next);
      }
      if (next < earliest) earliest = next;
    }
    this.earliest = earliest;
    return due;
  }

  /** nextSessionClose, found once for every instant from one close to the next: no close lies between. */
  private nextClose(close: SessionClose, after: number): number {
    const known = this.known.get(close);
    if (known !== undefined && known.from <= after && after < known.next) return known.next;
    const next = nextSessionClose(close, after);
    this.known.set(close, { from: after, next });
    return next;
  }
}
