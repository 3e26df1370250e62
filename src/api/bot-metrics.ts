// Prometheus figures of the bots, read from their statuses when /metrics is scraped: how many in each state, and what they send, are refused, throw and restart.
import { Gauge, type Registry } from 'prom-client';
import type { BotState, BotStatus } from '../bots/index.ts';

const STATES: readonly BotState[] = ['running', 'stopped', 'restarting', 'failed'];

/**
 * Registers the bot gauges on `registry`. Figures are sums over the bots there are now: a deleted
 * bot's orders leave the sums, so these are gauges, not counters (rate() would read a deletion as
 * a reset).
 */
export function registerBotMetrics(registry: Registry, statuses: () => readonly BotStatus[]): void {
  const sum = (of: (status: BotStatus) => number) => (): number => statuses().reduce((total, status) => total + of(status), 0);
  new Gauge({
    name: 'bourse_bots',
    help: 'Bots by state (running, stopped, restarting, failed)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const counts = new Map(STATES.map((state) => [state, 0]));
      for (const status of statuses()) counts.set(status.state, (counts.get(status.state) ?? 0) + 1);
      for (const [state, count] of counts) this.set({ state }, count);
    },
  });
  const gauge = (name: string, help: string, value: () => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  };
  gauge('bourse_bot_orders_per_second', 'Placements per second of all bots over the recent window', sum((s) => s.ordersPerSecond));
  gauge('bourse_bot_orders_sent', 'Placements that reached the venue, summed over the bots there are now', sum((s) => s.ordersSent));
  gauge('bourse_bot_orders_refused', 'Placements the venue refused, summed over the bots there are now', sum((s) => s.refusals.count));
  gauge('bourse_bot_errors', 'Errors the bots threw, summed over the bots there are now', sum((s) => s.errors.count));
  gauge('bourse_bot_restarts', 'Restarts after errors, summed over the bots there are now', sum((s) => s.restarts));
}
