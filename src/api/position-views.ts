// How the API shows positions: each symbol held or traded, at average cost, valued at the last price, as decimal strings.
import type { Engine } from '../engine/engine.ts';
import { costShare, type PositionBook } from '../platform/portfolio/position-book.ts';
import type { Formatter } from './views.ts';

/**
 * One row per symbol held now or with fills. `qty` is the holding now (available + held); the
 * cost basis covers the part of it bought through fills (`costedQty`): deposited units carry no
 * cost, and withdrawn ones take their share of the cost with them. Unrealized P&L is the costed
 * part at the last price less its cost. Without a last trade the reference price stands in, as for
 * holdings.
 */
export function positionsView(engine: Engine, f: Formatter, accountId: number, book: PositionBook) {
  const symbols = new Set(book.symbols());
  for (const instrument of engine.instruments()) {
    const balance = engine.balance(accountId, instrument.base);
    if (balance && balance.available + balance.held > 0) symbols.add(instrument.symbol);
  }
  return [...symbols].sort().flatMap((symbol) => {
    const instrument = engine.instrument(symbol);
    if (!instrument) return [];
    const balance = engine.balance(accountId, instrument.base);
    const units = balance ? balance.available + balance.held : 0;
    const lots = Math.floor(units / instrument.baseUnitsPerLot);
    const last = engine.lastPrice(symbol) ?? instrument.referencePrice;
    const unit = instrument.notionalPerTickLot;
    const position = book.get(symbol);
    const costedLots = Math.min(lots, position.costedLots);
    const cost = costedLots === position.costedLots ? position.cost : costShare(position.cost, costedLots, position.costedLots);
    const unrealized = last * costedLots * unit - cost;
    return [{
      symbol,
      base: instrument.base,
      quote: instrument.quote,
      qty: f.amount(instrument.base, units),
      costedQty: f.qty(symbol, costedLots),
      costBasis: f.quote(symbol, cost),
      avgCost: f.averageCost(symbol, cost, costedLots),
      lastPrice: f.price(symbol, last),
      marketValue: f.quote(symbol, last * lots * unit),
      unrealized: f.quote(symbol, unrealized),
      realized: f.quote(symbol, position.realized),
      fees: f.quote(symbol, position.fees),
      total: f.quote(symbol, position.realized + unrealized - position.fees),
    }];
  });
}
