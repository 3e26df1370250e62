// Tests for the capital queries of the ledger read model (moves, and the price each move happened at), on both dialects.
import { beforeAll, expect, it } from 'vitest';
import type { EngineEvent } from '../core/events.ts';
import { Engine } from '../engine/engine.ts';
import { A, ACME, B, BTC, BTC_USD, C, D, eventsOf, oneOf, setupMarket, USD } from '../engine/test-support.ts';
import type { CapitalMove } from './ledger.ts';
import { describeEachDialect } from './test-support.ts';

describeEachDialect('ledger capital', (suite) => {
  /** Every deposit and withdrawal made, and the last ACME and BTC-USD trade prices the engine had at each. */
  const moves: CapitalMove[] = [];
  const lastAcme = new Map<number, number>();
  const lastBtc = new Map<number, number>();

  beforeAll(async () => {
    // Deposits before any trade, then more than a query's worth of ACME moves among trades on both symbols.
    const m = setupMarket(new Engine());
    for (const event of m.events) {
      if (event.type === 'LedgerEntry' && event.reason === 'deposit') moves.push({ seq: event.seq, accountId: event.accountId, asset: event.asset, amount: event.deltaAvailable });
    }
    let acme: number | undefined;
    let btc: number | undefined;
    const trade = (price: number, symbol: string) => eventsOf(m.trade(A, B, 1, price, symbol), 'Fill').at(-1)!.price;
    const record = (events: readonly EngineEvent[]) => {
      const entry = oneOf(events, 'LedgerEntry');
      moves.push({ seq: entry.seq, accountId: entry.accountId, asset: entry.asset, amount: entry.deltaAvailable });
      if (acme !== undefined) lastAcme.set(entry.seq, acme);
      if (btc !== undefined) lastBtc.set(entry.seq, btc);
    };
    record(m.deposit(D, ACME, 5));
    for (let i = 0; i < 600; i++) {
      if (i % 7 === 0) acme = trade(9_900 + (i % 200), ACME);
      if (i % 11 === 0) btc = trade(29_000 + i, BTC_USD);
      record(i % 5 === 4 ? m.withdraw(C, ACME, 1) : m.deposit(D, ACME, 2));
    }
    record(m.deposit(C, USD, 1_000));
    await suite.store().projector.apply(m.events);
  });

  it('lists every deposit and withdrawal, oldest first', async () => {
    expect(await suite.store().ledger.capitalMoves()).toEqual(moves);
  });

  it('prices each move at the last trade of the symbol before it, and leaves out moves before its first trade', async () => {
    const ledger = suite.store().ledger;
    const seqs = moves.map((move) => move.seq);
    expect(lastAcme.size).toBeGreaterThan(500);
    expect(await ledger.lastPricesBefore(ACME, seqs)).toEqual(lastAcme);
    expect(await ledger.lastPricesBefore(BTC_USD, seqs)).toEqual(lastBtc);
    expect(lastBtc.get(seqs.at(-1)!)).not.toBe(lastAcme.get(seqs.at(-1)!));
    expect(await ledger.lastPricesBefore('NONE', seqs)).toEqual(new Map());
    expect(await ledger.lastPricesBefore(ACME, [])).toEqual(new Map());
    expect(moves.some((move) => move.asset === BTC)).toBe(true);
  });
});
