// The market maker on a real engine: a two-sided book, skew against inventory, requotes on moves, no short selling.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.ts';
import { startOn } from '../../strategy/test-support-run.ts';
import type { PortOrderState } from '../../strategy/ports.ts';
import { lean, marketMaker } from './market-maker.ts';

const ACME = ['ACME'];
/** The default pause between two requotes that book changes trigger: the market moves below are that far apart. */
const THROTTLE_MS = 100;
const quotes = (open: readonly PortOrderState[]) => open.map((o) => `${o.side} ${o.qty} @ ${o.price}`).sort();

describe('market-maker', () => {
  it('keeps one bid and one ask around the mid', async () => {
    const { harness, errors } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { size: 2, targetPosition: 10, maxPosition: 20 }, harness: { deposits: { USD: '100000', ACME: '10' } } });
    await harness.print('ACME', 100);
    expect(errors).toEqual([]);
    // Mid 100, spread 20 bps: 99.90 / 100.10, no lean at the target inventory.
    expect(quotes(await harness.openOrders())).toEqual(['buy 2 @ 99.9', 'sell 2 @ 100.1']);
  });

  it('skews both quotes against its inventory', async () => {
    const { harness } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { size: 2, targetPosition: 10, maxPosition: 20, skewBps: 20 }, harness: { deposits: { USD: '100000', ACME: '15' } } });
    await harness.print('ACME', 100);
    // 5 long of a target of 10, with 10 of room up to maxPosition: a lean of 0.5, so the reservation
    // price is 100 x (1 - 0.5 x 20 bps) = 99.90.
    expect(quotes(await harness.openOrders())).toEqual(['buy 2 @ 99.8', 'sell 2 @ 100']);
  });

  it('leans its hardest to buy back when its inventory is all gone, however far the target is from maxPosition', async () => {
    expect(lean(0, 10, 40)).toBe(-1);
    expect(lean(5, 10, 40)).toBe(-0.5);
    expect(lean(10, 10, 40)).toBe(0);
    expect(lean(25, 10, 40)).toBe(0.5);
    expect(lean(40, 10, 40)).toBe(1);
    expect(lean(3, 0, 6)).toBe(0.5);
    const { harness } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { size: 2, targetPosition: 10, maxPosition: 40, skewBps: 20 }, harness: { deposits: { USD: '100000' } } });
    await harness.print('ACME', 100, { spreadTicks: 50 });
    // Nothing held: the bid sits the whole 20 bps higher, at 100.09 (100.20 less half the spread, down
    // to the tick), inside the market's 99.50 / 100.50; no ask.
    expect(quotes(await harness.openOrders())).toEqual(['buy 2 @ 100.09']);
  });

  it('never offers shares it does not hold, and quotes the ask once it has bought', async () => {
    const { harness, runner, logs, errors } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { size: 3, maxPosition: 6, skewBps: 4 } });
    await harness.print('ACME', 100);
    expect(quotes(await harness.openOrders())).toEqual(['buy 3 @ 99.9']);
    // A seller at 99.85 hits the bid at 99.90: the bot now holds 3, so it can offer them.
    await harness.advance(THROTTLE_MS);
    await harness.print('ACME', 99.85);
    expect(runner.context.position('ACME').qty).toBe(3);
    const afterBuy = await harness.openOrders();
    const ask = afterBuy.find((o) => o.side === 'sell');
    const bid = afterBuy.find((o) => o.side === 'buy');
    expect(ask?.qty).toBe('3');
    // Long half of maxPosition: both quotes sit below the symmetric 99.75 / 99.95 around mid 99.85.
    expect(Number(bid?.price)).toBeLessThan(99.75);
    expect(Number(ask?.price)).toBeLessThan(99.95);
    // A buyer lifts the ask: the bot sells what it bought, for a profit, and is flat again.
    await harness.advance(THROTTLE_MS);
    await harness.print('ACME', 100.2);
    expect(runner.context.position('ACME').qty).toBe(0);
    expect(runner.context.position('ACME').realizedPnl).toBeGreaterThan(0);
    expect(quotes(await harness.openOrders()).filter((q) => q.startsWith('sell'))).toEqual([]);
    expect(errors).toEqual([]);
    expect(logs.filter((l) => l.fields?.code === 'INSUFFICIENT_SHARES')).toEqual([]);
  });

  it('stops bidding at maxPosition', async () => {
    const { harness, runner } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { size: 2, maxPosition: 4 } });
    await harness.print('ACME', 100);
    await harness.advance(THROTTLE_MS);
    await harness.print('ACME', 99.5, { qty: '2' });
    await harness.advance(THROTTLE_MS);
    await harness.print('ACME', 99, { qty: '2' });
    expect(runner.context.position('ACME').qty).toBe(4);
    expect((await harness.openOrders()).filter((o) => o.side === 'buy')).toEqual([]);
  });

  it('bids what its cash pays for when its size is set past it, rather than not at all', async () => {
    const { harness, errors } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { size: 100, maxPosition: 200 }, harness: { deposits: { USD: '1000' } } });
    await harness.print('ACME', 100);
    expect(errors).toEqual([]);
    // $1,000 at 99.90 with room for the fee: 9 shares, not the 100 asked for.
    expect(quotes(await harness.openOrders())).toEqual(['buy 9 @ 99.9']);
  });

  it('cancels stale quotes when the market moves and requotes on its timer', async () => {
    const { harness } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { size: 1, targetPosition: 5, maxPosition: 10, requoteMs: 1_000 }, harness: { deposits: { USD: '100000', ACME: '5' } } });
    await harness.print('ACME', 100);
    // The print at 101 lifts the 100.10 ask on its way: 4 held, one under a target of 5, so the
    // quotes around 101 lean up by 0.2 x 10 bps. The old bid was cancelled, not left behind.
    await harness.advance(THROTTLE_MS);
    await harness.print('ACME', 101);
    expect(quotes(await harness.openOrders())).toEqual(['buy 1 @ 100.91', 'sell 1 @ 101.13']);
    await harness.advance(5_000);
    expect(quotes(await harness.openOrders())).toEqual(['buy 1 @ 100.91', 'sell 1 @ 101.13']);
    const sent = harness.sent.length;
    await harness.advance(5_000);
    // Nothing moved: the quotes match, so the timer leaves them (and their queue place) alone.
    expect(harness.sent.length).toBe(sent);
  });

  it('starts from its reference price, sizes its quotes by its worth, and cancels its quotes when stopped', async () => {
    const { harness, runner } = await startOn(new Engine(), marketMaker, { symbols: ACME, params: { referencePrice: 50, targetPosition: 1 }, harness: { deposits: { USD: '100000', ACME: '1' } } });
    // No size set: a quote is 1% of the bot's worth ($100,050: 20 units at 50); the ask offers the one unit held.
    expect(quotes(await harness.openOrders())).toEqual(['buy 20 @ 49.95', 'sell 1 @ 50.05']);
    await runner.stop();
    expect(await harness.openOrders()).toEqual([]);
  });
});
