// Prometheus figures of the bots, read from their statuses when /metrics is scraped: how many in each state, and what they send, are refused, throw and restart.
import { Gauge, type Registry } from 'prom-client';
import type { BotState, BotStatus } from '../bots/index.ts';

const STATES: readonly BotState[] = ['running', 'stopped', 'restarting', 'failed'];

/** The bot figures of one scrape, summed over the statuses in one pass. */
interface BotFigures {
  readonly states: Map<BotState, number>;
  ordersPerSecond: number;
  ordersSent: number;
  ordersRefused: number;
  errors: number;
  restarts: number;
}

function figuresOf(statuses: readonly BotStatus[]): BotFigures {
  const figures: BotFigures = { states: new Map(STATES.map((state) => [state, 0])), ordersPerSecond: 0, ordersSent: 0, ordersRefused: 0, errors: 0, restarts: 0 };
  for (const status of statuses) {
    figures.states.set(status.state, (figures.states.get(status.state) ?? 0) + 1);
    figures.ordersPerSecond += status.ordersPerSecond;
    figures.ordersSent += status.ordersSent;
    figures.ordersRefused += status.refusals.count;
    figures.errors += status.errors.count;
    figures.restarts += status.restarts;
  }
  return figures;
}

/**
 * Registers the bot gauges on `registry`. Figures are sums over the bots there are now: a deleted
 * bot's orders leave the sums, so these are gauges, not counters (rate() would read a deletion as
 * a reset).
 *
 * A scrape runs every gauge's collect in the same turn of the event loop, so the statuses are read
 * once, by the first gauge, and the others take the same figures; they are read afresh at the next
 * turn, so a scrape never sees an earlier one's figures.
 */
export function registerBotMetrics(registry: Registry, statuses: () => readonly BotStatus[]): void {
  let current: BotFigures | undefined;
  const figures = (): BotFigures => {
    if (current === undefined) {
      current = figuresOf(statuses());
      queueMicrotask(() => {
        current = undefined;
      });
    }
    return current;
  };
  new Gauge({
    name: 'bourse_bots',
    help: 'Bots by state (running, stopped, restarting, failed)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      for (const [state, count] of figures().states) this.set({ state }, count);
    },
  });
  const gauge = (name: string, help: string, value: (figures: BotFigures) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value(figures()));
      },
    });
  };
  gauge('bourse_bot_orders_per_second', 'Placements per second of all bots over the recent window', (f) => f.ordersPerSecond);
  gauge('bourse_bot_orders_sent', 'Placements that reached the venue, summed over the bots there are now', (f) => f.ordersSent);
  gauge('bourse_bot_orders_refused', 'Placements the venue refused, summed over the bots there are now', (f) => f.ordersRefused);
  gauge('bourse_bot_errors', 'Errors the bots threw, summed over the bots there are now', (f) => f.errors);
  gauge('bourse_bot_restarts', 'Restarts after errors, summed over the bots there are now', (f) => f.restarts);
}
