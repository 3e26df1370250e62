// How the API shows holdings (one row per base asset) and positions (one per symbol, a shared base split between its symbols), as decimal strings.
import { instrumentsByBase, type Instrument } from '../core/instrument.ts';
import type { Engine } from '../engine/engine.ts';
import { costShare, type PositionBook } from '../platform/portfolio/position-book.ts';
import { splitHolding } from '../platform/portfolio/shared-base.ts';
import type { Formatter } from './views.ts';

/** How much of `asset` the account has: available, held in orders, and both together, in the asset's minor units. */
function holdingOf(engine: Engine, accountId: number, asset: string) {
  const balance = engine.balance(accountId, asset);
  const available = balance?.available ?? 0;
  const held = balance?.held ?? 0;
  return { available, held, units: available + held };
}

/** The price `instrument` values a holding at: the last trade, else the reference price. */
const lastOf = (engine: Engine, instrument: Instrument) => engine.lastPrice(instrument.symbol) ?? instrument.referencePrice;

/**
 * One row per base asset the account holds, valued at the last price of the first symbol listed
 * on that base (whole lots of it) in that symbol's quote currency: an asset several symbols trade
 * is one holding, not one per symbol.
 */
export function holdingsView(engine: Engine, f: Formatter, accountId: number) {
  return [...instrumentsByBase(engine.instruments())].flatMap(([asset, [instrument]]) => {
    const { available, held, units } = holdingOf(engine, accountId, asset);
    if (units === 0 || !instrument) return [];
    const { symbol } = instrument;
    const last = lastOf(engine, instrument);
    const lots = Math.floor(units / instrument.baseUnitsPerLot);
    return [{
      symbol,
      asset,
      qty: f.amount(asset, units),
      available: f.amount(asset, available),
      held: f.amount(asset, held),
      lastPrice: f.price(symbol, last),
      marketValue: f.quote(symbol, last * lots * instrument.notionalPerTickLot),
      quote: instrument.quote,
    }];
  });
}

/**
 * One row per symbol with a share of its base asset now or with fills, by symbol. A base several
 * symbols trade is split between them (splitHolding): each holds the lots bought through its own
 * fills, the first listed symbol the rest, so the rows' `qty` add up to the holding exactly. `qty`
 * is the symbol's share of the holding (available + held); the cost basis covers the part of it
 * bought through fills (`costedQty`): deposited units carry no cost, and withdrawn ones take their
 * share of the cost with them. Unrealized P&L is the costed part at the last price less its cost.
 * Without a last trade the reference price stands in, as for holdings.
 */
export function positionsView(engine: Engine, f: Formatter, accountId: number, book: PositionBook) {
  const traded = new Set(book.symbols());
  const shown: Array<{ instrument: Instrument; units: number }> = [];
  for (const [asset, instruments] of instrumentsByBase(engine.instruments())) {
    const own = instruments.map((instrument) => book.get(instrument.symbol).costedLots * instrument.baseUnitsPerLot);
    const shares = splitHolding(holdingOf(engine, accountId, asset).units, own);
    instruments.forEach((instrument, i) => {
      const units = shares[i] ?? 0;
      if (units > 0 || traded.has(instrument.symbol)) shown.push({ instrument, units });
    });
  }
  return shown.sort((a, b) => (a.instrument.symbol < b.instrument.symbol ? -1 : 1)).map(({ instrument, units }) => {
    const { symbol } = instrument;
    const last = lastOf(engine, instrument);
    const lots = Math.floor(units / instrument.baseUnitsPerLot);
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
