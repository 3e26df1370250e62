// Each account's capital rebuilt from the store after a restart, every move valued as it was when it happened.
import type { Engine } from '../../engine/engine.ts';
import type { CapitalMove, Store } from '../../store/index.ts';
import { valueAtPrice, valuingInstrument } from './valuation.ts';

/**
 * Net deposits less withdrawals per account, in `currency` minor units. While running, a move of
 * another asset is valued once durable at the engine's price then (`valueAsset`), so here each one
 * is valued at its instrument's last trade before it, or the reference price when nothing had
 * traded: at today's price, shares deposited long ago would change the return on every restart.
 * Each move is rounded on its own, as it was live. One price query per valuing symbol, not per move.
 */
export async function storedCapital(store: Store, engine: Engine, currency: string): Promise<Map<number, number>> {
  const moves = await store.ledger.capitalMoves();
  const seqsBySymbol = new Map<string, number[]>();
  for (const move of moves) {
    if (move.asset === currency) continue;
    const symbol = valuingInstrument(engine, move.asset, currency)?.symbol;
    if (symbol === undefined) continue;
    let seqs = seqsBySymbol.get(symbol);
    if (!seqs) seqsBySymbol.set(symbol, (seqs = []));
    seqs.push(move.seq);
  }
  const prices = new Map<string, Map<number, number>>();
  for (const [symbol, seqs] of seqsBySymbol) prices.set(symbol, await store.ledger.lastPricesBefore(symbol, seqs));
  const valueOf = ({ seq, asset, amount }: CapitalMove): number => {
    if (asset === currency) return amount;
    const instrument = valuingInstrument(engine, asset, currency);
    if (!instrument) return 0;
    return Number(valueAtPrice(instrument, amount, prices.get(instrument.symbol)?.get(seq) ?? instrument.referencePrice));
  };
  const capital = new Map<number, number>();
  for (const move of moves) capital.set(move.accountId, (capital.get(move.accountId) ?? 0) + valueOf(move));
  return capital;
}
