// The bot gauges: sums and state counts over the statuses, read once per scrape and afresh at the next.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { BotState, BotStatus } from '../bots/index.ts';
import { registerBotMetrics } from './bot-metrics.ts';

function status(id: string, state: BotState, figures: { sent: number; refused: number; perSecond: number; errors: number; restarts: number }): BotStatus {
  return {
    id,
    strategy: 'random-walk',
    symbols: ['AAPL'],
    state,
    worker: null,
    heartbeat: null,
    ordersSent: figures.sent,
    refusals: { count: figures.refused, last: null },
    ordersPerSecond: figures.perSecond,
    errors: { count: figures.errors, last: null },
    restarts: figures.restarts,
    nextRestartAt: null,
    pnl: null,
  };
}

function scraped() {
  const registry = new Registry();
  let bots: BotStatus[] = [status('a', 'running', { sent: 10, refused: 1, perSecond: 2.5, errors: 0, restarts: 0 }), status('b', 'failed', { sent: 4, refused: 2, perSecond: 0, errors: 3, restarts: 2 })];
  let reads = 0;
  registerBotMetrics(registry, () => {
    reads++;
    return bots;
  });
  return {
    registry,
    reads: () => reads,
    set: (next: BotStatus[]) => {
      bots = next;
    },
  };
}

describe('the bot gauges', () => {
  it('count the bots in each state and sum their figures', async () => {
    const { registry } = scraped();
    const text = await registry.metrics();
    for (const line of [
      'bourse_bots{state="running"} 1',
      'bourse_bots{state="stopped"} 0',
      'bourse_bots{state="restarting"} 0',
      'bourse_bots{state="failed"} 1',
      'bourse_bot_orders_per_second 2.5',
      'bourse_bot_orders_sent 14',
      'bourse_bot_orders_refused 3',
      'bourse_bot_errors 3',
      'bourse_bot_restarts 2',
    ])
      expect(text.split('\n')).toContain(line);
  });

  it('read the statuses once per scrape, and afresh at the next', async () => {
    const scrape = scraped();
    await scrape.registry.metrics();
    expect(scrape.reads()).toBe(1);
    await scrape.registry.getMetricsAsJSON();
    expect(scrape.reads()).toBe(2);
    // A bot deleted between scrapes leaves the sums at the next one.
    scrape.set([status('a', 'running', { sent: 12, refused: 1, perSecond: 1, errors: 0, restarts: 0 })]);
    const text = (await scrape.registry.metrics()).split('\n');
    expect(scrape.reads()).toBe(3);
    expect(text).toContain('bourse_bot_orders_sent 12');
    expect(text).toContain('bourse_bots{state="failed"} 0');
    expect(text).toContain('bourse_bot_restarts 0');
  });
});
