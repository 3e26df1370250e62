// Waiting until a platform is quiet: no bot call in flight and every applied engine event committed and published.
//
// A simulation on a simulated clock fires its next timer only once this holds. Otherwise the next
// timer could fire while a command waits for its fsync, and which bot's order came first would
// depend on the disk, not on the seeds.
import { settle } from '../../src/bots/test-support.ts';
import type { Exchange } from '../../src/platform/exchange.ts';
import { topics } from '../../src/platform/topics.ts';
import type { TradingPort } from '../../src/strategy/index.ts';

export class QuietWatch {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Seq of the last engine event published as committed. */
  private committedEventSeq: number;
  private wake: Array<() => void> = [];
  private readonly stop: () => void;

  constructor(private readonly exchange: Exchange) {
    this.committedEventSeq = exchange.engine.eventSeq;
    this.stop = exchange.bus.subscribe(topics.committed, (message) => {
      if (message.kind !== 'committed') return;
      const last = message.events.at(-1);
      if (last) this.committedEventSeq = Math.max(this.committedEventSeq, last.seq);
      const waiting = this.wake;
      this.wake = [];
      for (const resolve of waiting) resolve();
    });
  }

  /** The same port, with every call tracked until it settles. */
  trading(port: TradingPort): TradingPort {
    const t = <T>(call: Promise<T>): Promise<T> => this.track(call);
    return {
      instruments: () => t(port.instruments()),
      place: (order) => t(port.place(order)),
      placeOco: (legs) => t(port.placeOco(legs)),
      placeBracket: (entry, takeProfit, stopLoss, stopLossLimit) => t(port.placeBracket(entry, takeProfit, stopLoss, stopLossLimit)),
      cancel: (orderId) => t(port.cancel(orderId)),
      cancelAll: (symbol) => t(port.cancelAll(symbol)),
      replace: (orderId, changes) => t(port.replace(orderId, changes)),
      balances: () => t(port.balances()),
      openOrders: () => t(port.openOrders()),
    };
  }

  track<T>(call: Promise<T>): Promise<T> {
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return call;
  }

  /**
   * Resolves once nothing is in flight and the engine has no event that is not yet committed. A
   * command that produced no event at all (a cancel-all with nothing open) is not waited for: its
   * commit publishes nothing anyone acts on.
   */
  async quiet(): Promise<void> {
    for (;;) {
      await settle();
      if (this.inFlight.size === 0 && this.committedEventSeq >= this.exchange.engine.eventSeq) return;
      await Promise.race([...this.inFlight, new Promise<void>((resolve) => this.wake.push(resolve))]);
    }
  }

  close(): void {
    this.stop();
    for (const resolve of this.wake) resolve();
    this.wake = [];
  }
}
