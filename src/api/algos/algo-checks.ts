// An algo order checked before it starts: its numbers by the conversion a plain order's go through, its child orders by the engine's own placement checks.
//
// The algorithms take numbers and round them onto the grid in the order's favour, and their child
// orders meet the engine's bounds only once sent. A client's decimal string is its exact intent, so
// one off the grid is refused here, with the code a plain order would get, rather than rounded
// silently. Each child size the algorithm plans (its whole quantity, its largest and smallest
// slice or clip) is then put to Engine.orderProblem at the price it would carry, so an algo order
// whose children the engine would refuse (price band, minimum and maximum quantity, the account's
// limits) is refused whole, before anything is sent, instead of failing child by child.
import type { OrderRequest } from '../../core/orders.ts';
import { REASONS } from '../../core/reasons.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Instrument } from '../../core/instrument.ts';
import { atPath, type FieldProblem } from '../../platform/field-problem.ts';
import { toOrderRequest, type OrderInput } from '../../platform/order-requests.ts';
import { formatPrice, formatQty, isProblem, qtyLots, type UnitProblem } from '../../platform/units.ts';
import { allocate } from '../../strategy/index.ts';
import type { AlgoSpec } from './algo-spec.ts';

/** A refusal of the algo order, with the child order it is about when one is. */
export interface AlgoProblem extends UnitProblem {
  readonly details?: { readonly child: ChildKind; readonly qty: string; readonly price: string | null };
}

type ChildKind = 'order' | 'slice' | 'clip';

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

/** The child sizes in lots the plan holds at its extremes, largest first: what the bounds are tried with. */
function childSizes(spec: AlgoSpec, totalLots: number, displayLots: number): { kind: ChildKind; sizes: number[] } {
  switch (spec.type) {
    case 'twap':
    case 'vwap': {
      // The plan before any size jitter; a profile that does not fit the slices is the algorithm's to refuse.
      const weights = spec.type === 'vwap' && spec.profile.length === spec.slices ? spec.profile : new Array<number>(spec.slices).fill(1);
      const sent = allocate(totalLots, weights).filter((lots) => lots > 0);
      return { kind: 'slice', sizes: [Math.max(...sent), Math.min(...sent)] };
    }
    case 'iceberg':
      // Full clips, then what is left of the quantity as the last one.
      return { kind: 'clip', sizes: [Math.min(displayLots, totalLots), totalLots % displayLots] };
    case 'peg':
    case 'stop':
    case 'trailing_stop':
      return { kind: 'order', sizes: [totalLots] };
  }
}

/**
 * The price a child carries. An iceberg clip, a market-style slice and a stop rest at the spec's own
 * price. A peg and a limit-style slice rest at the touch, capped by limitPrice: the cap binds only
 * on the far side of the last price (a buy capped below it), so beyond that it is tried at the last price.
 */
function childPrice(spec: AlgoSpec, request: OrderRequest, lastPrice: number): number | undefined {
  const cap = request.price;
  const atTouch = spec.type === 'peg' || ((spec.type === 'twap' || spec.type === 'vwap') && spec.style === 'limit');
  if (cap === undefined || !atTouch) return cap;
  return spec.side === 'buy' ? Math.min(cap, lastPrice) : Math.max(cap, lastPrice);
}

/** A problem with the child order's price is one with the algo's limitPrice, the field the body names. */
function asLimitPrice(problem: FieldProblem): FieldProblem {
  return atPath({ problem: problem.problem, message: problem.message.replace(/^price\b/, 'limitPrice') }, 'limitPrice');
}

/** The child order's problems at the algo's own fields: its price is the algo's limitPrice. */
function asAlgoFields(problem: FieldProblem): FieldProblem {
  const own = problem.path === 'price' ? asLimitPrice(problem) : problem;
  return problem.alongside ? { ...own, alongside: problem.alongside.map(asAlgoFields) } : own;
}

/**
 * The algo order's quantity in lots once every number of the spec is on its grid and every child
 * size the plan holds passes the engine's placement checks for the account; else the first problem:
 * a field's (at its path in the body, refused as a plain order's field is) or a child's.
 */
export function checkAlgoOrder(engine: Engine, instrument: Instrument, accountId: number, spec: AlgoSpec): number | AlgoProblem | FieldProblem {
  const request = toOrderRequest(() => instrument, accountId, childOrder(spec));
  if (isProblem(request)) return asAlgoFields(request);
  const displayLots = spec.type === 'iceberg' ? qtyLots(instrument, spec.displayQty, 'displayQty') : 1;
  if (isProblem(displayLots)) return atPath(displayLots, 'displayQty');
  const price = childPrice(spec, request, engine.lastPrice(spec.symbol) ?? 0);
  const { kind, sizes } = childSizes(spec, request.qty, displayLots);
  for (const lots of new Set(sizes.filter((size) => size > 0))) {
    const reason = engine.orderProblem({ ...request, qty: lots, price });
    if (reason === undefined) continue;
    const qty = formatQty(instrument, lots);
    const priceText = price === undefined ? null : formatPrice(instrument, price);
    const child = kind === 'order' ? `The ${spec.type} order of ${qty}` : `A ${kind} of ${qty}${priceText === null ? '' : ` at ${priceText}`}`;
    return { problem: reason, message: `${child} would be refused: ${REASONS[reason]}`, details: { child: kind, qty, price: priceText } };
  }
  return request.qty;
}
