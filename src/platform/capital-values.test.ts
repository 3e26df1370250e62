// Tests for capital values: each move is valued at the engine's price when applied, and a store that catches up from the journal records the same values as the live run did.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CapitalValuesRepo, type Store } from '../store/index.ts';
import { Exchange } from './exchange.ts';
import { fundedAccount, QuietLogger, RISK_MARKETS, storesPerTest } from './risk/risk-test-support.ts';

const { dir, storeAt } = storesPerTest('bourse-capital-');

// The accounts here have no users, so a store that joins the journal late has to accept that it starts empty.
const open = (store: Store) => Exchange.open({ dataDir: join(dir(), 'journal'), store, markets: RISK_MARKETS, logger: new QuietLogger(), tickMs: 0, acceptEmptyStore: true });

async function trade(exchange: Exchange, seller: number, buyer: number, price: number): Promise<void> {
  for (const [accountId, side] of [[seller, 'sell'], [buyer, 'buy']] as const) {
    await exchange.execute({ type: 'placeOrder', ts: exchange.now(), order: { accountId, symbol: 'ACME', side, type: 'limit', qty: 1, price } });
  }
}

it('values each move at the last price when applied, and a store catching up from the journal records the same values', async () => {
  const live = await storeAt('live.sqlite');
  const exchange = await open(live);
  const seller = await fundedAccount(exchange, 0, 100);
  const buyer = await fundedAccount(exchange, 1_000_000);
  await trade(exchange, seller, buyer, 9_500);
  const holder = await fundedAccount(exchange, 0, 7);
  await trade(exchange, seller, buyer, 9_900);
  await exchange.execute({ type: 'withdraw', ts: exchange.now(), accountId: holder, asset: 'ACME', amount: 2 });
  await exchange.close();

  const recorded = await new CapitalValuesRepo(live.db).byMove('USD');
  const moves = await live.ledger.capitalMoves();
  const valueOf = (accountId: number) => moves.filter((move) => move.accountId === accountId).map((move) => recorded.get(move.seq));
  // Shares before any trade at the reference price (100.00); 7 at 95.00; 2 out at 99.00.
  expect(valueOf(seller)).toEqual([1_000_000]);
  expect(valueOf(buyer)).toEqual([1_000_000]);
  expect(valueOf(holder)).toEqual([66_500, -19_800]);

  // A store that has none of it replays the whole journal, and values each move as the engine stood then.
  const fresh = await storeAt('fresh.sqlite');
  await (await open(fresh)).close();
  expect(await new CapitalValuesRepo(fresh.db).byMove('USD')).toEqual(recorded);
});
