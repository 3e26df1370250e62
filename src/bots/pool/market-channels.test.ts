// Tests for a worker's market channels: one host subscription per symbol and interval, events handed to every member in order.
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../strategy/index.ts';
import { MarketChannels } from './market-channels.ts';

const trade = (price: string): MarketEvent => ({ kind: 'trade', trade: { symbol: 'ACME', price, qty: '1', takerSide: 'buy', ts: 0 } });

/** Channels over a fake host that records what is watched and lets the test publish to it. */
function channels() {
  const open = new Map<string, (event: MarketEvent) => void>();
  const log: string[] = [];
  const hub = new MarketChannels((symbol, interval, fanOut) => {
    const key = `${symbol}/${interval ?? 'ticks'}`;
    log.push(`watch ${key}`);
    open.set(key, fanOut);
    return () => {
      log.push(`unwatch ${key}`);
      open.delete(key);
    };
  });
  return { hub, log, publish: (key: string, event: MarketEvent) => open.get(key)?.(event) };
}

describe('MarketChannels', () => {
  it('watches a symbol once for all its members and hands each event to every member in order', () => {
    const { hub, log, publish } = channels();
    const heard: string[] = [];
    const listen = (name: string) => (event: MarketEvent) => void heard.push(`${name} ${event.kind === 'trade' ? event.trade.price : event.kind}`);
    const leaveA = hub.join('ACME', null, listen('a'));
    const leaveB = hub.join('ACME', null, listen('b'));
    const leaveBars = hub.join('ACME', '1m', listen('bars'));
    expect(log).toEqual(['watch ACME/ticks', 'watch ACME/1m']);
    publish('ACME/ticks', trade('100'));
    publish('ACME/ticks', trade('101'));
    expect(heard).toEqual(['a 100', 'b 100', 'a 101', 'b 101']);
    leaveA();
    publish('ACME/ticks', trade('102'));
    expect(heard.at(-1)).toBe('b 102');
    expect(log).toEqual(['watch ACME/ticks', 'watch ACME/1m']);
    // The last member out closes the host's subscription.
    leaveB();
    leaveBars();
    expect(log).toEqual(['watch ACME/ticks', 'watch ACME/1m', 'unwatch ACME/ticks', 'unwatch ACME/1m']);
    expect(hub.size).toBe(0);
  });

  it('delivers twice to a listener that joined twice, as two subscriptions would, and ignores a second leave', () => {
    const { hub, publish } = channels();
    const prices: string[] = [];
    const listener = (event: MarketEvent) => void (event.kind === 'trade' && prices.push(event.trade.price));
    const first = hub.join('ACME', null, listener);
    const second = hub.join('ACME', null, listener);
    publish('ACME/ticks', trade('100'));
    first();
    first();
    publish('ACME/ticks', trade('101'));
    expect(prices).toEqual(['100', '100', '101']);
    second();
    expect(hub.size).toBe(0);
  });
});
