// The runtime's own account ledger, built from the account's fills: average-cost positions, cash and P&L, exact in bigint.
//
// Invariants:
// - every fill is applied at most once (keyed by order id and trade id);
// - cash moves by exactly price x qty and the fee, so cash never drifts from the venue's ledger;
// - a position's cost basis is exact while it only grows; reducing takes the proportional share of
//   the basis, rounded to 10^-18, and closing the whole position takes all of it, so when a
//   position is flat its realized P&L is exactly proceeds minus costs.
// Holdings the account had before the runtime started enter the position at the first price the
// runtime learns (last bar, trade or fill): P&L counts from the start of the run.
import { divFixed, fixedToNumber, fixedToSmall, mulDivFixed, mulFixed, smallProduct, smallProductMinus, textToSmall, toFixed, type Fixed, type SmallDecimal } from './exact.ts';
import type { PortBalance, PortFill, PortInstrument } from './ports.ts';
import { RecentSet } from './recent-set.ts';
import type { PnlView, PositionView } from './types.ts';

/** How many fill keys are remembered for de-duplication. */
const SEEN_FILLS = 65_536;

class Position {
  /** Signed quantity: positive long, negative short (the venue allows no shorts, the arithmetic does). */
  qty: Fixed = 0n;
  /** Signed cost basis of the open quantity: sum of price x signed qty. */
  cost: Fixed = 0n;
  realized: Fixed = 0n;
  fees: Fixed = 0n;
  /** Holdings from before the start still waiting for a price to value them at. */
  basisPending = false;
  /** Bumped on every change, so a view built for one version and mark can be handed out again. */
  version = 0;
  /** The last view handed out, for `viewVersion` and `viewMark` (fields, not a record: a new mark on every bar would allocate one). */
  view: PositionView | undefined;
  viewVersion = -1;
  viewMark: string | undefined;
  /** The figures of version `exactVersion` that no mark changes. */
  exact: ExactParts | undefined;
  exactVersion = -1;

  apply(signedQty: Fixed, price: Fixed): void {
    this.version++;
    if (this.basisPending) this.setBasis(price);
    let rest = signedQty;
    if (this.qty !== 0n && this.qty > 0n !== rest > 0n) {
      const open = this.qty < 0n ? -this.qty : this.qty;
      const size = rest < 0n ? -rest : rest;
      const closing = size < open ? size : open;
      const closingSigned = this.qty > 0n ? -closing : closing;
      const removed = closing === open ? this.cost : mulDivFixed(this.cost, closing, open);
      // Long: proceeds minus basis; short: basis (negative) minus cost to buy back.
      this.realized += this.qty > 0n ? mulFixed(price, closing) - removed : -mulFixed(price, closing) - removed;
      this.cost -= removed;
      this.qty += closingSigned;
      rest -= closingSigned;
    }
    if (rest !== 0n) {
      this.cost += mulFixed(price, rest);
      this.qty += rest;
    }
  }

  setBasis(price: Fixed): void {
    this.version++;
    this.cost = mulFixed(price, this.qty);
    this.basisPending = false;
  }

  unrealized(last: Fixed | undefined): Fixed {
    if (last === undefined || this.basisPending) return 0n;
    return mulFixed(this.qty, last) - this.cost;
  }
}

/** A position's figures that do not depend on the mark, for one version of it. */
interface ExactParts {
  readonly qty: number;
  readonly avgPrice: number;
  readonly realizedPnl: number;
  readonly fees: number;
  /** Quantity and cost basis as small decimals, when they are (null when not): marks then value them in doubles, exactly. */
  readonly smallQty: SmallDecimal | null;
  readonly smallCost: SmallDecimal | null;
}

interface Mark {
  text: string;
  value: Fixed | undefined;
  /** The text as a small decimal: undefined until asked for, null when it is not one. */
  small: SmallDecimal | null | undefined;
  /** The text's Number, once asked for. */
  number: number | undefined;
}

export class AccountLedger {
  private readonly positions = new Map<string, Position>();
  private readonly cashByAsset = new Map<string, Fixed>();
  /** Latest price per symbol, kept as sent and parsed only when a value needs it (marks are hot, reads are rare). */
  private readonly lastPrices = new Map<string, Mark>();
  /** Duplicates arrive close together (a replayed report); remembering the recent ones is enough. */
  private readonly seenFills = new RecentSet<number | string>(SEEN_FILLS);
  /** The view of a symbol never traded, one per symbol: it depends on nothing. */
  private readonly flatViews = new Map<string, PositionView>();

  constructor(private readonly instruments: ReadonlyMap<string, PortInstrument>) {}

  /**
   * Starts from the venue's balances. Holdings of a symbol's base asset become that symbol's opening
   * position (the first symbol listed wins when two share a base asset).
   */
  open(balances: readonly PortBalance[], symbols: readonly string[]): void {
    for (const balance of balances) this.cashByAsset.set(balance.asset, toFixed(balance.available) + toFixed(balance.held));
    const claimed = new Set<string>();
    for (const symbol of symbols) {
      const base = this.instruments.get(symbol)?.base;
      if (base === undefined || claimed.has(base)) continue;
      claimed.add(base);
      const held = this.cashByAsset.get(base) ?? 0n;
      if (held === 0n) continue;
      const position = this.positionOf(symbol);
      position.qty = held;
      position.basisPending = true;
      const last = this.last(symbol);
      if (last !== undefined) position.setBasis(last);
    }
  }

  /** Records the latest price of a symbol (trade, bar close or own fill). */
  mark(symbol: string, price: string): void {
    const mark = this.lastPrices.get(symbol);
    if (mark === undefined) this.lastPrices.set(symbol, { text: price, value: undefined, small: undefined, number: undefined });
    else if (mark.text !== price) {
      mark.text = price;
      mark.value = undefined;
      mark.small = undefined;
      mark.number = undefined;
    }
    const position = this.positions.get(symbol);
    if (position?.basisPending) position.setBasis(toFixed(price));
  }

  /** Applies one of the account's fills; returns false when it was applied before. */
  applyFill(fill: PortFill): boolean {
    const key = fillKey(fill.orderId, fill.tradeId);
    if (this.seenFills.has(key)) return false;
    this.seenFills.add(key);
    const instrument = this.instruments.get(fill.symbol);
    const price = toFixed(fill.price);
    const qty = toFixed(fill.qty);
    const fee = toFixed(fill.fee);
    const notional = mulFixed(price, qty);
    const position = this.positionOf(fill.symbol);
    position.apply(fill.side === 'buy' ? qty : -qty, price);
    position.fees += fee;
    if (instrument) {
      const sign = fill.side === 'buy' ? 1n : -1n;
      this.addCash(instrument.base, sign * qty);
      this.addCash(instrument.quote, -sign * notional - fee);
    }
    this.lastPrices.set(fill.symbol, { text: fill.price, value: price, small: undefined, number: undefined });
    return true;
  }

  /** The latest price of a symbol (trade, bar close or own fill) as a number, parsed once per price; undefined before any. */
  markPrice(symbol: string): number | undefined {
    const mark = this.lastPrices.get(symbol);
    if (mark === undefined) return undefined;
    return (mark.number ??= Number(mark.text));
  }

  /**
   * Views are rebuilt only when the position changed or, while it is open, its mark did
   * (strategies ask on every bar); a new mark recomputes only the two figures that depend on it,
   * in doubles when every input is a small decimal (the same nearest doubles as in bigint).
   */
  position(symbol: string): PositionView {
    const position = this.positions.get(symbol);
    if (!position) return this.flatView(symbol);
    // A flat position is worth nothing at any mark.
    const markEntry = position.qty === 0n ? undefined : this.lastPrices.get(symbol);
    const mark = markEntry?.text;
    if (position.view !== undefined && position.viewVersion === position.version && position.viewMark === mark) return position.view;
    let exact = position.exact;
    if (exact === undefined || position.exactVersion !== position.version) {
      position.exact = exact = exactParts(position);
      position.exactVersion = position.version;
    }
    let unrealizedPnl = 0;
    let marketValue = 0;
    if (markEntry !== undefined) {
      const small = markEntry.small === undefined ? (markEntry.small = textToSmall(markEntry.text) ?? null) : markEntry.small;
      marketValue = small && exact.smallQty ? smallProduct(exact.smallQty, small) : NaN;
      if (Number.isNaN(marketValue)) marketValue = fixedToNumber(mulFixed(position.qty, this.last(symbol)!));
      if (!position.basisPending) {
        unrealizedPnl = small && exact.smallQty && exact.smallCost ? smallProductMinus(exact.smallQty, small, exact.smallCost) : NaN;
        if (Number.isNaN(unrealizedPnl)) unrealizedPnl = fixedToNumber(position.unrealized(this.last(symbol)));
      }
    }
    const value: PositionView = { symbol, qty: exact.qty, avgPrice: exact.avgPrice, realizedPnl: exact.realizedPnl, unrealizedPnl, marketValue, fees: exact.fees };
    position.view = value;
    position.viewVersion = position.version;
    position.viewMark = mark;
    return value;
  }

  cash(asset: string): number {
    return fixedToNumber(this.cashByAsset.get(asset) ?? 0n);
  }

  pnl(): PnlView {
    const { realized, unrealized, fees } = this.exactPnl();
    return { realized: fixedToNumber(realized), unrealized: fixedToNumber(unrealized), fees: fixedToNumber(fees), total: fixedToNumber(realized + unrealized - fees) };
  }

  /** The same totals as exact Fixed values, for tests and reports that must not go through doubles. */
  exactPnl(): { readonly realized: Fixed; readonly unrealized: Fixed; readonly fees: Fixed } {
    let realized = 0n;
    let unrealized = 0n;
    let fees = 0n;
    for (const [symbol, position] of this.positions) {
      realized += position.realized;
      unrealized += position.unrealized(this.last(symbol));
      fees += position.fees;
    }
    return { realized, unrealized, fees };
  }

  private flatView(symbol: string): PositionView {
    let view = this.flatViews.get(symbol);
    if (!view) this.flatViews.set(symbol, (view = { symbol, qty: 0, avgPrice: 0, realizedPnl: 0, unrealizedPnl: 0, marketValue: 0, fees: 0 }));
    return view;
  }

  private last(symbol: string): Fixed | undefined {
    const mark = this.lastPrices.get(symbol);
    if (mark === undefined) return undefined;
    return (mark.value ??= toFixed(mark.text));
  }

  private positionOf(symbol: string): Position {
    let position = this.positions.get(symbol);
    if (!position) this.positions.set(symbol, (position = new Position()));
    return position;
  }

  private addCash(asset: string, delta: Fixed): void {
    this.cashByAsset.set(asset, (this.cashByAsset.get(asset) ?? 0n) + delta);
  }
}

/** Ids below this pack into one number, exactly: a number key is found about twice as fast as a text one. */
const PACKED_ID_LIMIT = 2 ** 26;

/** One key per (order, trade): packed into a number when both ids are small whole numbers, else text (the two kinds never meet). */
function fillKey(orderId: number, tradeId: number): number | string {
  const small = Number.isInteger(orderId) && Number.isInteger(tradeId) && orderId >= 0 && tradeId >= 0 && orderId < PACKED_ID_LIMIT && tradeId < PACKED_ID_LIMIT;
  return small ? orderId * PACKED_ID_LIMIT + tradeId : `${orderId}:${tradeId}`;
}

function exactParts(position: Position): ExactParts {
  const flat = position.qty === 0n;
  return {
    qty: fixedToNumber(position.qty),
    avgPrice: flat || position.basisPending ? 0 : fixedToNumber(divFixed(position.cost, position.qty)),
    realizedPnl: fixedToNumber(position.realized),
    fees: fixedToNumber(position.fees),
    smallQty: flat ? null : (fixedToSmall(position.qty) ?? null),
    smallCost: flat ? null : (fixedToSmall(position.cost) ?? null),
  };
}
