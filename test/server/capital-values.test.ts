// Each deposit and withdrawal keeps the value it had when it happened, recorded in the store, so return % is the same before and after a restart, on SQLite and PostgreSQL.
import { sql } from 'kysely';
import { it } from 'vitest';
import { CapitalValuesRepo } from '../../src/store/index.ts';
import { describeEachBackend } from '../support/backends.ts';
import { Counterparties } from '../support/market.ts';
import { rebind } from '../support/state.ts';
import { newTrader, type Trader } from '../support/traders.ts';

type Row = { userId: number; equity: string; netDeposits: string; returnPercent: string };

describeEachBackend('capital values across a restart', ({ platform }) => {
  const figures = async (trader: Trader) => {
    const rows = (await rebind(trader.api, platform().url).get<{ rows: Row[] }>('/api/v1/leaderboard')).rows;
    const { userId, equity, netDeposits, returnPercent } = rows.find((row) => row.userId === trader.user.id)!;
    return { userId, equity, netDeposits, returnPercent };
  };
  /** The trader's recorded values in USD cents, oldest move first. */
  const recorded = async (trader: Trader) => {
    const store = platform().running.ctx.store;
    const values = await new CapitalValuesRepo(store.db).byMove('USD');
    const moves = (await store.ledger.capitalMoves()).filter((move) => move.accountId === trader.user.accountId);
    return moves.map((move) => [move.asset, move.amount, values.get(move.seq)]);
  };
  let trader: Trader;
  let before: Row;

  it('records each move at the price it had when applied, and return % stays across a restart', async ({ expect }) => {
    const cp = await Counterparties.create(platform().url, ['S05']);
    await cp.trade('S05', '108');
    trader = await newTrader(platform().url, { USD: '1000', S05: '10' });
    await cp.trade('S05', '115');
    await trader.api.deposit('S05', '5');
    expect((await trader.api.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'S05', amount: '2' } })).status).toBe(201);
    await cp.trade('S05', '104');
    expect(await recorded(trader)).toEqual([
      ['USD', 100_000, 100_000],
      ['S05', 10, 108_000],
      ['S05', 5, 57_500],
      ['S05', -2, -23_000],
    ]);
    before = await figures(trader);
    // 1000 + 10 x 108 + 5 x 115 - 2 x 115 = 2425 in; 1000 + 13 x 104 = 2352 now.
    expect(before).toEqual({ userId: trader.user.id, equity: '2352', netDeposits: '2425', returnPercent: '-3.01' });
    await platform().restart();
    expect(await figures(trader)).toEqual(before);
    expect((await recorded(trader)).map(([, , value]) => value)).toEqual([100_000, 108_000, 57_500, -23_000]);
  });

  it('reads a store from before values were recorded: its moves count at the last trade before each', async ({ expect }) => {
    const store = platform().running.ctx.store;
    await sql`delete from capital_values where account_id = ${trader.user.accountId}`.execute(store.db);
    await platform().restart();
    expect(await figures(trader)).toEqual(before);
  });
});
