// An account's positions from its fills at average cost, in exact integers: lots and quote minor units.

/** What a fill contributes; the Fill event and the stored fill row both have it. */
export interface PositionFill {
  /** The Fill event's seq (the stored fill's id): fills apply once, in this order. */
  readonly seq: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** Ticks. */
  readonly price: number;
  /** Lots. */
  readonly qty: number;
  /** Quote minor units. */
  readonly fee: number;
}

export interface PositionState {
  /** Lots bought through fills and not yet sold; units from deposits have no known cost and are not counted. */
  readonly costedLots: number;
  /** What the costed lots cost, in quote minor units. */
  readonly cost: number;
  /** Sells against the average cost, before fees, in quote minor units. */
  readonly realized: number;
  /** Every fee paid in the symbol, in quote minor units. */
  readonly fees: number;
}

interface Mutable {
  costedLots: number;
  cost: number;
  realized: number;
  fees: number;
}

export const NO_POSITION: PositionState = Object.freeze({ costedLots: 0, cost: 0, realized: 0, fees: 0 });

/**
 * A sell takes out its share of the cost, cost x sold / costed, rounded down to a minor unit; the
 * remainder stays with the lots left and leaves with the last of them, so a position closed in
 * several sells realizes exactly what one sell would have. Sells of more than the costed lots (of
 * deposited units) realize only on the costed part.
 */
export class PositionBook {
  private readonly bySymbol = new Map<string, Mutable>();
  /** The seq of the last fill applied; older or repeated fills change nothing. */
  lastSeq = 0;

  /** `notionalPerTickLot(symbol)`: quote minor units of one tick times one lot; undefined for an unknown symbol. */
  constructor(private readonly notionalPerTickLot: (symbol: string) => number | undefined) {}

  apply(fill: PositionFill): void {
    if (fill.seq <= this.lastSeq) return;
    this.lastSeq = fill.seq;
    const unit = this.notionalPerTickLot(fill.symbol);
    if (unit === undefined) return;
    let position = this.bySymbol.get(fill.symbol);
    if (position === undefined) this.bySymbol.set(fill.symbol, (position = { ...NO_POSITION }));
    position.fees += fill.fee;
    if (fill.side === 'buy') {
      position.costedLots += fill.qty;
      position.cost += fill.price * fill.qty * unit;
      return;
    }
    const sold = Math.min(fill.qty, position.costedLots);
    if (sold <= 0) return;
    const out = sold === position.costedLots ? position.cost : costShare(position.cost, sold, position.costedLots);
    position.realized += fill.price * sold * unit - out;
    position.cost -= out;
    position.costedLots -= sold;
  }

  get(symbol: string): PositionState {
    return this.bySymbol.get(symbol) ?? NO_POSITION;
  }

  symbols(): string[] {
    return [...this.bySymbol.keys()];
  }
}

/** floor(cost x part / whole), exact beyond 2^53 too. */
export function costShare(cost: number, part: number, whole: number): number {
  const product = cost * part;
  if (Number.isSafeInteger(product)) return Math.floor(product / whole);
  return Number((BigInt(cost) * BigInt(part)) / BigInt(whole));
}
