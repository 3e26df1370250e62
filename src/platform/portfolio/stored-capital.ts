// Each account's capital rebuilt from the store after a restart, every move at the value it had when it happened.
import type { Engine } from '../../engine/engine.ts';
import { CapitalValuesRepo, type CapitalMove, type Store } from '../../store/index.ts';
import { valueAtPrice, valuingInstrument } from './valuation.ts';

/**
 * Net deposits less withdrawals per account, in `currency` minor units. Each move counts at the value
 * recorded when the engine applied it (capital_values). A move stored before values were recorded
 * is valued at its instrument's last trade before it, or the reference price when nothing had
 * traded, which is the price the engine had then: at today's price, shares deposited long ago would
 * change the return on every restart. One price query per valuing symbol, not per move.
 */
export async function storedCapital(store: Store, engine: Engine, currency: string): Promise<Map<number, number>> {
  const moves = await store.ledger.capitalMoves();
  const recorded = await new CapitalValuesRepo(store.reader).byMove(currency);
  const seqsBySymbol = new Map<string, number[]>();
  for (const move of moves) {
    if (move.asset === currency || recorded.has(move.seq)) continue;
    const symbol = valuingInstrument(engine, move.asset, currency)?.symbol;
    if (symbol === undefined) continue;
    let seqs = seqsBySymbol.get(symbol);
    if (!seqs) seqsBySymbol.set(symbol, (seqs = []));
    seqs.push(move.seq);
  }
  const prices = new Map<string, Map<number, number>>();
  for (const [symbol, seqs] of seqsBySymbol) prices.set(symbol, await store.ledger.lastPricesBefore(symbol, seqs));
  const valueOf = ({ seq, asset, amount }: CapitalMove): number => {
    const value = recorded.get(seq);
    if (value !== undefined) return value;
    if (asset === currency) return amount;
    const instrument = valuingInstrument(engine, asset, currency);
    if (!instrument) return 0;
    return Number(valueAtPrice(instrument, amount, prices.get(instrument.symbol)?.get(seq) ?? instrument.referencePrice));
  };
  const capital = new Map<number, number>();
  for (const move of moves) capital.set(move.accountId, (capital.get(move.accountId) ?? 0) + valueOf(move));
  return capital;
}
