// Tests for the risk service on a real exchange: trips on each limit, the kill switch's gate, layers, resets and restarts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { riskStore } from '../../store/index.ts';
import { RiskRig } from './risk-test-support.ts';

const ADMIN = { userId: 1, admin: true };
const OWNER = { userId: 2, admin: false };

describe('risk service', () => {
  let rig: RiskRig;
  beforeEach(async () => {
    rig = await RiskRig.start();
  });
  afterEach(async () => {
    const errors = rig.logger.errors;
    await rig.dispose();
    expect(errors).toEqual([]);
  });

  it('trips on drawdown when a price move hits a holder, cancels its orders and lets only reducing sells through', async () => {
    const maker = await rig.account(1_000_000, 10_000);
    const trader = await rig.account(10_000);
    await rig.risk.setAccountLimits('account', trader, { maxDrawdownBps: 1_000 }, ADMIN);
    await rig.trade(maker, trader, 50, 100);
    await rig.order(trader, 'buy', 5, 60);
    expect(rig.risk.status(trader)).toMatchObject({ equity: 1_000_000, grossExposure: 500_000, drawdownBps: 0 });

    // Someone else trades at 70: the trader's 50 shares lose 1,500 of 10,000, a 15% drawdown.
    const other = await rig.account(1_000);
    await rig.trade(maker, other, 1, 70);
    expect(rig.risk.checkOrder(trader, [{ side: 'buy', symbol: 'ACME', qty: 1 }])).toBeUndefined();
    rig.risk.tick();

    const refusal = rig.risk.checkOrder(trader, [{ side: 'buy', symbol: 'ACME', qty: 1 }]);
    expect(refusal).toMatchObject({ code: 'KILL_SWITCH_ACTIVE', details: { limit: 'maxDrawdownPct', value: '15', threshold: '10', source: 'account' } });
    expect(rig.logger.lines).toContainEqual({ details: { accountId: trader, limit: 'maxDrawdownPct', value: '15', threshold: '10', source: 'account' }, message: 'risk limit hit: kill switch on' });
    expect(rig.risk.checkOrder(trader, [{ side: 'sell', symbol: 'ACME', qty: 50 }])).toBeUndefined();
    expect(rig.risk.checkOrder(trader, [{ side: 'sell', symbol: 'ACME', qty: 51 }])?.code).toBe('KILL_SWITCH_ACTIVE');
    // A replace that raises nothing still passes; cancels never reach the gate.
    expect(rig.risk.checkOrder(trader, [], 1)).toBeUndefined();
    await vi.waitFor(() => expect(rig.exchange.engine.liveOrders(trader)).toEqual([]));

    await rig.risk.idle();
    const events = await rig.risk.store.events.list(trader);
    expect(events.items[0]).toMatchObject({ kind: 'tripped', limitName: 'maxDrawdownBps', value: 1_500, threshold: 1_000, source: 'account', message: "Kill switch on: drawdown 15% is above an admin's limit of 10%." });
    expect(events.items[1]).toMatchObject({ kind: 'limits', message: 'Limits replaced by an admin: gross exposure none; net exposure none; daily loss none; drawdown 10%; order rate none.' });
    expect(refusal?.message).toMatch(/ It tripped because drawdown 15% is above an admin's limit of 10%\.$/);
    expect(rig.risk.status(trader)?.killSwitch).toMatchObject({ cause: { limit: 'maxDrawdownBps' } });
  });

  it('does not trip the drawdown limit on a withdrawal: the fall from the mark in percent stays what it was', async () => {
    const maker = await rig.account(1_000_000, 10_000);
    const trader = await rig.account(10_000);
    await rig.risk.setAccountLimits('account', trader, { maxDrawdownBps: 1_000 }, ADMIN);
    await rig.trade(maker, trader, 50, 100);
    const other = await rig.account(1_000);
    // 50 shares down 16 each: 800 of 10,000, an 8% drawdown under the 10% limit.
    await rig.trade(maker, other, 1, 84);
    rig.risk.tick();
    expect(rig.risk.status(trader)).toMatchObject({ equity: 920_000, drawdownBps: 800, killSwitch: undefined });

    // Taking out 4,000 of the 5,000 in cash leaves 5,200: still 8% under the mark, which moves with it.
    await rig.exchange.execute({ type: 'withdraw', ts: rig.exchange.now(), accountId: trader, asset: 'USD', amount: 400_000 });
    rig.risk.tick();
    expect(rig.risk.status(trader)).toMatchObject({ equity: 520_000, highWaterMark: 565_218, drawdownBps: 800, killSwitch: undefined });
    expect(rig.risk.checkOrder(trader, [{ side: 'buy', symbol: 'ACME', qty: 1 }])).toBeUndefined();
  });

  it('measures the daily loss net of the day’s deposits and withdrawals', async () => {
    const maker = await rig.account(1_000_000, 10_000);
    const trader = await rig.account(20_000);
    await rig.risk.setAccountLimits('self', trader, { maxDailyLoss: 100_000 }, OWNER);
    await rig.trade(maker, trader, 100, 100);
    // Withdrawing 5,000 and depositing 2,000 move equity by 3,000 but are no loss.
    await rig.exchange.execute({ type: 'withdraw', ts: rig.exchange.now(), accountId: trader, asset: 'USD', amount: 500_000 });
    await rig.exchange.execute({ type: 'deposit', ts: rig.exchange.now(), accountId: trader, asset: 'USD', amount: 200_000 });
    expect(rig.risk.status(trader)).toMatchObject({ equity: 1_700_000, dayStartEquity: 0, dailyPnl: 0, dayNetFlows: 1_700_000, killSwitch: undefined });

    const other = await rig.account(1_000);
    await rig.trade(maker, other, 1, 91);
    rig.risk.tick();
    // 100 shares down 9 each: a loss of 900, under the 1,000 limit.
    expect(rig.risk.status(trader)).toMatchObject({ dailyPnl: -90_000, killSwitch: undefined });
    await rig.trade(maker, other, 1, 89.99);
    rig.risk.tick();
    expect(rig.risk.status(trader)?.killSwitch?.cause).toEqual({ limit: 'maxDailyLoss', value: 100_100, threshold: 100_000, source: 'self' });
    // Events say it in words, with units: the limit's name, USD, whose limit it is.
    await rig.risk.idle();
    expect((await rig.risk.store.events.list(trader)).items.map((e) => e.message)).toEqual([
      "Kill switch on: daily loss 1001 USD is above this account's limit of 1000 USD.",
      'Limits replaced by the account owner: gross exposure none; net exposure none; daily loss 1000 USD; drawdown none; order rate none.',
    ]);
  });

  it('trips at the gateway when orders come faster than the limit; an OCO counts two', async () => {
    const trader = await rig.account(10_000, 10);
    await rig.risk.setAccountLimits('self', trader, { maxOrdersPerSecond: 4 }, OWNER);
    const buy = { side: 'buy', symbol: 'ACME', qty: 1 } as const;
    expect(rig.risk.checkOrder(trader, [buy, buy])).toBeUndefined();
    expect(rig.risk.checkOrder(trader, [buy])).toBeUndefined();
    expect(rig.risk.checkOrder(trader, [buy])).toBeUndefined();
    expect(rig.risk.checkOrder(trader, [buy])).toMatchObject({ details: { limit: 'maxOrdersPerSecond', value: '5', threshold: '4', source: 'self' } });
    // The sell of shares held still passes; a second later buys stay blocked: the switch holds until reset.
    expect(rig.risk.checkOrder(trader, [{ side: 'sell', symbol: 'ACME', qty: 10 }])).toBeUndefined();
    // Within the second that tripped it the rate is still past the limit: a reset is refused, as for any limit still breached.
    expect(await rig.risk.reset(trader, OWNER)).toEqual({ ok: false, breaches: [{ limit: 'maxOrdersPerSecond', value: 5, threshold: 4, source: 'self' }] });
    rig.clock.now += 5_000;
    expect(rig.risk.checkOrder(trader, [buy])?.code).toBe('KILL_SWITCH_ACTIVE');
    expect(await rig.risk.reset(trader, OWNER)).toEqual({ ok: true, wasActive: true });
    expect(rig.risk.checkOrder(trader, [buy])).toBeUndefined();
    await rig.risk.setAccountLimits('self', trader, {}, OWNER);
    await rig.risk.idle();
    expect((await rig.risk.store.events.list(trader)).items.map((e) => e.message)).toEqual([
      'Limits replaced by the account owner: all limits cleared.',
      expect.stringMatching(/^Kill switch reset/),
      "Kill switch on: order rate 5 orders/s is above this account's limit of 4 orders/s.",
      'Limits replaced by the account owner: gross exposure none; net exposure none; daily loss none; drawdown none; order rate 4 orders/s.',
    ]);
  });

  it('applies a strategy’s limits to its accounts, the admin’s account limit over them, and the owner’s only to tighten', async () => {
    const maker = await rig.account(1_000_000, 10_000);
    const a = await rig.account(100_000);
    const b = await rig.account(100_000);
    await rig.trade(maker, a, 100, 100);
    await rig.trade(maker, b, 100, 100);
    await rig.risk.setStrategy(a, 'grid');
    await rig.risk.setStrategy(b, 'grid');
    await rig.risk.setAccountLimits('account', b, { maxGrossExposure: 2_000_000 }, ADMIN);
    // The owner cannot loosen the admin's limit by setting a looser one of their own.
    await rig.risk.setAccountLimits('self', b, { maxGrossExposure: 5_000_000 }, OWNER);
    expect(rig.risk.limits(b).effective.maxGrossExposure).toEqual({ value: 2_000_000, source: 'account' });

    await rig.risk.setStrategyLimits('grid', { maxGrossExposure: 500_000 }, ADMIN);
    expect(rig.risk.status(a)?.killSwitch?.cause).toEqual({ limit: 'maxGrossExposure', value: 1_000_000, threshold: 500_000, source: 'strategy' });
    expect(rig.risk.status(b)?.killSwitch).toBeUndefined();
    expect(rig.risk.strategyOf(a)).toBe('grid');
    await rig.risk.idle();
    expect((await rig.risk.store.events.list(a)).items[0]?.message).toBe("Kill switch on: gross exposure 10000 USD is above its strategy's limit of 5000 USD.");
    // Log lines name limits and values as the API does: its field names and decimal strings of USD.
    expect(rig.logger.lines).toContainEqual({ details: { strategy: 'grid', limits: { maxGrossExposure: '5000' }, by: ADMIN.userId }, message: 'strategy risk limits replaced' });
    expect(rig.logger.lines).toContainEqual({ details: { accountId: a, limit: 'maxGrossExposure', value: '10000', threshold: '5000', source: 'strategy' }, message: 'risk limit hit: kill switch on' });
  });

  it('refuses a reset while a limit is breached; an admin may move the high-water mark', async () => {
    const maker = await rig.account(1_000_000, 10_000);
    const trader = await rig.account(10_000);
    await rig.trade(maker, trader, 50, 100);
    const other = await rig.account(1_000);
    await rig.trade(maker, other, 1, 80);
    rig.risk.tick();
    await rig.risk.setAccountLimits('self', trader, { maxDrawdownBps: 500 }, OWNER);
    expect(rig.risk.status(trader)?.killSwitch?.cause).toMatchObject({ limit: 'maxDrawdownBps', value: 1_000 });

    expect(await rig.risk.reset(trader, OWNER)).toEqual({ ok: false, breaches: [{ limit: 'maxDrawdownBps', value: 1_000, threshold: 500, source: 'self' }] });
    await expect(rig.risk.reset(trader, OWNER, { rebaseHighWaterMark: true })).rejects.toThrow(/admin/);
    expect(await rig.risk.reset(trader, ADMIN, { rebaseHighWaterMark: true })).toEqual({ ok: true, wasActive: true });
    expect(rig.risk.status(trader)).toMatchObject({ highWaterMark: 900_000, drawdownBps: 0, killSwitch: undefined });
    await rig.risk.idle();
    expect((await rig.risk.store.events.list(trader)).items.map((e) => e.kind)).toEqual(['reset', 'tripped', 'limits']);
  });

  it('an admin turning on a switch the owner already turned on holds it: the owner can no longer reset it', async () => {
    const trader = await rig.account(10_000);
    expect(await rig.risk.turnOn(trader, OWNER, { onBehalf: false })).toEqual({ wasActive: false });
    expect(await rig.risk.turnOn(trader, ADMIN, { onBehalf: true, note: 'compliance review' })).toEqual({ wasActive: true });
    expect(rig.risk.status(trader)?.killSwitch?.cause).toEqual({ limit: 'manual', source: 'account' });
    expect(await rig.risk.reset(trader, OWNER)).toEqual({ ok: false, heldByAdmin: true });
    // Already held: a second admin call changes nothing.
    expect(await rig.risk.turnOn(trader, ADMIN, { onBehalf: true })).toEqual({ wasActive: true });
    await rig.risk.idle();
    expect((await rig.risk.store.events.list(trader)).items.map((e) => [e.kind, e.source])).toEqual([
      ['tripped', 'account'],
      ['tripped', 'self'],
    ]);
    expect(await rig.risk.reset(trader, ADMIN)).toEqual({ ok: true, wasActive: true });
  });

  it('a reset still being stored does not undo an admin taking hold of the switch meanwhile', async () => {
    const trader = await rig.account(10_000);
    await rig.risk.turnOn(trader, OWNER, { onBehalf: false });
    const reset = rig.risk.reset(trader, OWNER);
    await rig.risk.turnOn(trader, ADMIN, { onBehalf: true });
    await reset;
    expect(rig.risk.status(trader)?.killSwitch?.cause).toEqual({ limit: 'manual', source: 'account' });
    expect(await rig.risk.reset(trader, OWNER)).toEqual({ ok: false, heldByAdmin: true });
  });

  it('keeps limits, strategies, kill switches, high-water marks and history across a restart', async () => {
    const maker = await rig.account(1_000_000, 10_000);
    const trader = await rig.account(10_000);
    await rig.risk.setStrategy(trader, 'swing');
    await rig.risk.setStrategyLimits('swing', { maxDailyLoss: 1_000_000 }, ADMIN);
    await rig.trade(maker, trader, 50, 100);
    const other = await rig.account(1_000);
    await rig.trade(maker, other, 1, 80);
    rig.risk.tick();
    await rig.risk.setAccountLimits('self', trader, { maxDrawdownBps: 500 }, OWNER);
    rig.clock.now += 60_000;
    rig.risk.tick();
    await rig.reopen();

    expect(rig.risk.limits(trader)).toMatchObject({ strategyName: 'swing', self: { maxDrawdownBps: 500 }, strategy: { maxDailyLoss: 1_000_000 } });
    expect(rig.risk.checkOrder(trader, [{ side: 'buy', symbol: 'ACME', qty: 1 }])?.details).toMatchObject({ limit: 'maxDrawdownPct', value: '10', threshold: '5' });
    expect(rig.risk.status(trader)).toMatchObject({ highWaterMark: 1_000_000, dayStartEquity: 0, dayNetFlows: 1_000_000, dailyPnl: -100_000 });

    const history = riskStore(rig.store).history;
    const [day] = await history.days(trader);
    expect(day).toMatchObject({ startEquity: 0, endEquity: 900_000, minEquity: 0, maxEquity: 1_000_000, maxGrossExposure: 500_000, maxDrawdownBps: 1_000, netFlows: 1_000_000 });
    const samples = await history.samples(trader);
    expect(samples.items.map((s) => [s.equity, s.drawdownBps])).toEqual([[900_000, 1_000]]);
  });
});
