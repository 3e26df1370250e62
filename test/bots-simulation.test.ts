// One simulated hour of a bot market on the real platform: conservation, sane books, a full leaderboard, isolation, the kill switch, determinism.
import { describe, expect, it } from 'vitest';
import { CAPPED, CAPPED_DRAWDOWN_BPS, FAILING, simulate, type SimulationResult } from './support/bot-simulation.ts';

const SEED = 1_000;
let first: SimulationResult | undefined;

/** Rank order and equity: what two runs of one seed must agree on. */
const standings = (result: SimulationResult) => result.leaderboard.map((row) => ({ rank: row.rank, username: row.username, equity: row.equity, trades: row.trades }));

describe('a bot market on the platform for one simulated hour', () => {
  it('conserves cash and shares, keeps books uncrossed and balances non-negative, ranks every bot', async () => {
    const result = (first = await simulate(SEED));
    expect(result.checkpoints).toHaveLength(60);
    expect(result.checkpoints.flatMap((c) => c.problems.map((p) => `minute ${(c.at - result.checkpoints[0]!.at) / 60_000 + 1}: ${p}`))).toEqual([]);
    expect(result.negativeBalances).toEqual([]);
    for (const [asset, { netDeposits, held, storedCapital }] of result.conservation) {
      expect({ asset, held }).toEqual({ asset, held: netDeposits });
      expect({ asset, storedCapital }).toEqual({ asset, storedCapital: netDeposits });
    }
    // $10,000 a bot, less the $1,000 one owner took out half-way (in cents).
    expect(result.conservation.get('USD')!.netDeposits).toBe(BigInt(result.botIds.length) * 1_000_000n - 100_000n);
    expect(result.conservation.get('S01')!.netDeposits).toBe(120n);

    const ranked = new Map(result.leaderboard.map((row) => [row.username, row]));
    for (const id of result.botIds) expect(ranked.get(result.usernames.get(id)!), id).toBeDefined();
    expect(result.leaderboard.map((row) => row.rank)).toEqual(result.leaderboard.map((_, i) => i + 1));
    expect(result.fills).toBeGreaterThan(1_000);
    const sent = result.statuses.reduce((n, s) => n + s.ordersSent, 0);
    expect(sent).toBeGreaterThan(2_000);
  });

  it('isolates a bot whose strategy throws: recorded, restarted with backoff, the others trade on', () => {
    const result = first!;
    const failing = result.statuses.find((s) => s.id === FAILING)!;
    expect(failing.errors.last).toMatchObject({ message: 'throwing strategy failed on tick 2', during: 'onTimer' });
    // Each run fails after 60 s, then waits 5, 10, 20, 40 and 60 s (the cap): a dozen or more failures in an hour.
    expect(failing.errors.count).toBeGreaterThan(10);
    expect(failing.restarts).toBeGreaterThanOrEqual(failing.errors.count - 1);
    for (const status of result.statuses.filter((s) => s.id !== FAILING)) {
      expect(status, status.id).toMatchObject({ state: 'running', restarts: 0, errors: { count: 0, last: null } });
    }
    for (const id of ['walk-1', 'walk-2', 'walk-3', 'noise-1', 'noise-2']) expect(result.statuses.find((s) => s.id === id)!.ordersSent, id).toBeGreaterThan(50);
  });

  it('stops the bot that passes its drawdown limit: switch on, orders cancelled, buys refused, a risk event', () => {
    const { capped, checkpoints, logs } = first!;
    expect(capped.killSwitch).toMatchObject({ cause: { limit: 'maxDrawdownBps', threshold: CAPPED_DRAWDOWN_BPS, source: 'account' } });
    expect(capped.events.filter((e) => e.kind === 'tripped')).toEqual([expect.objectContaining({ limitName: 'maxDrawdownBps', threshold: CAPPED_DRAWDOWN_BPS, ts: capped.killSwitch!.since })]);
    expect(capped.cancelledAtTrip).toBeGreaterThan(0);
    // After the trip it may only reduce: no buy is accepted, none rests, and its buys are refused.
    expect(capped.sidesAfterTrip.filter((side) => side === 'buy')).toEqual([]);
    const afterTrip = checkpoints.filter((c) => c.at > capped.killSwitch!.since);
    expect(afterTrip.length).toBeGreaterThan(0);
    for (const c of afterTrip) expect(c).toMatchObject({ cappedKilled: true, cappedBuys: 0 });
    const refusals = logs.filter((l) => l.botId === CAPPED && l.entry.fields?.code === 'KILL_SWITCH_ACTIVE');
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('repeats exactly for the same seed: the same leaderboard and engine state', async () => {
    const again = await simulate(SEED);
    expect(standings(again)).toEqual(standings(first!));
    expect(again.stateHash).toBe(first!.stateHash);
  });
});
