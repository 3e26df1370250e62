// An algo order's prices and quantities checked before it starts, by the same conversion a plain order's numbers go through.
//
// The algorithms take numbers and round them onto the grid in the order's favour, and their child
// orders meet the engine's bounds only once sent. A client's decimal string is its exact intent, so
// one off the grid or out of bounds is refused here, with the code a plain order would get, rather
// than rounded silently or refused after the algo order has started.
import type { Instrument } from '../../core/instrument.ts';
import { toOrderRequest, type OrderInput } from '../../platform/order-requests.ts';
import { isProblem, type UnitProblem } from '../../platform/units.ts';
import type { AlgoSpec } from './algo-spec.ts';

/** The order the algorithm sends, with the spec's numbers: its whole quantity, its price cap or trigger, its trail. */
function childOrder(spec: AlgoSpec): OrderInput {
  const { symbol, side, qty } = spec;
  switch (spec.type) {
    case 'twap':
    case 'vwap':
    case 'peg':
    case 'iceberg':
      return { symbol, side, qty, type: spec.limitPrice === undefined ? 'market' : 'limit', price: spec.limitPrice };
    case 'stop':
      return { symbol, side, qty, type: spec.limitPrice === undefined ? 'stop' : 'stop_limit', stopPrice: spec.stopPrice, price: spec.limitPrice };
    case 'trailing_stop':
      return { symbol, side, qty, type: 'trailing_stop', trailAmount: spec.trailAmount, trailPercent: spec.trailPercent };
  }
}

/** The algo order's quantity in lots once every number of the spec is on its grid and within bounds; else the first problem. */
export function algoQtyLots(instrument: Instrument, spec: AlgoSpec): number | UnitProblem {
  const request = toOrderRequest(() => instrument, 0, childOrder(spec));
  return isProblem(request) ? request : request.qty;
}
