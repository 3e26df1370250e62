// Counting a bot's placements at the host's port boundary: totals, refusals and a recent rate.
//
// The host sees every placement whatever thread the bot runs on, so counts stay exact across
// restarts and worker deaths, with no help from the strategy.
import type { ClockPort, PlaceResult, TradingPort } from '../../strategy/index.ts';
import type { BotRefusal } from './types.ts';

/** One-second buckets over a window: memory stays fixed whatever the order rate. */
export class OrderCount {
  sent = 0;
  refused = 0;
  /** The venue's latest refusal, with the time it came back (clock time). */
  lastRefusal: BotRefusal | null = null;
  private readonly seconds: number[];
  private readonly counts: number[];
  /** When the current run began, so a young run's rate is not diluted by a window it did not live through. */
  private since: number;

  constructor(
    private readonly clock: ClockPort,
    private readonly windowMs: number,
  ) {
    const size = Math.max(1, Math.ceil(windowMs / 1_000));
    this.seconds = new Array<number>(size).fill(-1);
    this.counts = new Array<number>(size).fill(0);
    this.since = clock.now();
  }

  /**
   * A new run starts its rate afresh: placements of a run that ended (a stop, a failure) are no
   * part of the rate the new one sends at, even within the window. The totals keep counting.
   */
  newRun(): void {
    this.seconds.fill(-1);
    this.counts.fill(0);
    this.since = this.clock.now();
  }

  placed(result: PlaceResult): void {
    this.sent++;
    if (!result.ok) {
      this.refused++;
      this.lastRefusal = { code: result.code, message: result.message, at: this.clock.now() };
    }
    const second = Math.floor(this.clock.now() / 1_000);
    const at = second % this.seconds.length;
    if (this.seconds[at] !== second) {
      this.seconds[at] = second;
      this.counts[at] = 0;
    }
    this.counts[at]!++;
  }

  /** The current run's placements per second over the last window (or since the run began, if that is shorter). */
  perSecond(): number {
    const now = this.clock.now();
    const second = Math.floor(now / 1_000);
    const oldest = second - this.seconds.length + 1;
    let total = 0;
    for (let i = 0; i < this.seconds.length; i++) if (this.seconds[i]! >= oldest) total += this.counts[i]!;
    const spanMs = Math.min(this.windowMs, Math.max(1_000, now - this.since));
    return total / (spanMs / 1_000);
  }
}

/** The same port, counting every placement (order, OCO, bracket) and whether the venue refused it. */
export function countingPort(trading: TradingPort, count: OrderCount): TradingPort {
  const counted = (result: Promise<PlaceResult>) =>
    result.then((settled) => {
      count.placed(settled);
      return settled;
    });
  return {
    instruments: () => trading.instruments(),
    place: (order) => counted(trading.place(order)),
    placeOco: (legs) => counted(trading.placeOco(legs)),
    placeBracket: (entry, takeProfit, stopLoss, stopLossLimit) => counted(trading.placeBracket(entry, takeProfit, stopLoss, stopLossLimit)),
    cancel: (orderId) => trading.cancel(orderId),
    cancelAll: (symbol) => trading.cancelAll(symbol),
    replace: (orderId, changes) => trading.replace(orderId, changes),
    balances: () => trading.balances(),
    openOrders: () => trading.openOrders(),
  };
}
