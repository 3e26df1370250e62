// How the API shows positions: each symbol held or traded, at average cost, valued at the last price, as decimal strings.
import type { Instrument } from '../core/instrument.ts';
import type { Engine } from '../engine/engine.ts';
import { costShare, type PositionBook } from '../platform/portfolio/position-book.ts';
import type { Formatter } from './views.ts';

/** The instrument's base asset the account holds (available + held), whole lots of it, and the price it is valued at: the last trade, else the reference price. */
export function holdingOf(engine: Engine, accountId: number, instrument: Instrument) {
  const balance = engine.balance(accountId, instrument.base);
  const available = balance?.available ?? 0;
  const held = balance?.held ?? 0;
  const units = available + held;
  return { available, held, units, lots: Math.floor(units / instrument.baseUnitsPerLot), last: engine.lastPrice(instrument.symbol) ?? instrument.referencePrice };
}

/**
 * One row per symbol held now or with fills. `qty` is the holding now (available + held); the
 * cost basis covers the part of it bought through fills (`costedQty`): deposited units carry no
 * cost, and withdrawn ones take their share of the cost with them. Unrealized P&L is the costed
 * part at the last price less its cost. Without a last trade the reference price stands in, as for
 * holdings.
 */
export function positionsView(engine: Engine, f: Formatter, accountId: number, book: PositionBook) {
  const traded = new Set(book.symbols());
  const shown = engine.instruments().flatMap((instrument) => {
    const holding = holdingOf(engine, accountId, instrument);
    return holding.units > 0 || traded.has(instrument.symbol) ? [{ instrument, holding }] : [];
  });
  return shown.sort((a, b) => (a.instrument.symbol < b.instrument.symbol ? -1 : 1)).map(({ instrument, holding }) => {
    const { symbol } = instrument;
    const { units, lots, last } = holding;
    const unit = instrument.notionalPerTickLot;
    const position = book.get(symbol);
    const costedLots = Math.min(lots, position.costedLots);
    const cost = costedLots === position.costedLots ? position.cost : costShare(position.cost, costedLots, position.costedLots);
    const unrealized = last * costedLots * unit - cost;
    return {
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
    };
  });
}
