// Who holds what, and what an amount of an asset is worth: so a price move revalues only the accounts holding that asset.
import type { Instrument } from '../../core/instrument.ts';
import type { Engine } from '../../engine/engine.ts';
import { valueAtPrice } from '../portfolio/valuation.ts';

/**
 * The instrument through which each asset is valued in the risk currency: the first listed one
 * quoted in it, exactly as `valueAccount` picks it, so capital moves and equity use one price.
 */
export class ValuedAssets {
  private readonly byBase = new Map<string, Instrument>();
  private stale = true;

  constructor(
    private readonly engine: Engine,
    readonly currency: string,
  ) {}

  /** The valuing instrument of a base asset; undefined for the currency itself and for assets it cannot value. */
  instrumentFor(asset: string): Instrument | undefined {
    this.refresh();
    return this.byBase.get(asset);
  }

  /** `units` minor units of `asset` in minor units of the currency, at the last price (0 for assets not valued). */
  value(asset: string, units: number): number {
    if (asset === this.currency) return units;
    const instrument = this.instrumentFor(asset);
    if (!instrument) return 0;
    return Number(valueAtPrice(instrument, units, this.engine.lastPrice(instrument.symbol) ?? instrument.referencePrice));
  }

  /** Call when an instrument is listed (an `InstrumentAdded` event); instruments are never removed. */
  invalidate(): void {
    this.stale = true;
  }

  /** Lookups are on the per-batch path, so the engine's instrument list (a fresh array) is read only after a listing. */
  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    this.byBase.clear();
    for (const instrument of this.engine.instruments()) {
      if (instrument.quote === this.currency && !this.byBase.has(instrument.base)) this.byBase.set(instrument.base, instrument);
    }
  }
}

/** Accounts holding a nonzero amount (available or held) of each valued asset. */
export class HolderIndex {
  private readonly byAsset = new Map<string, Set<number>>();

  /** Built once at start-up from the engine's balances; kept current from ledger entries afterwards. */
  static fromEngine(engine: Engine, assets: ValuedAssets): HolderIndex {
    const index = new HolderIndex();
    const last = engine.lastAccountId();
    // Account 0 collects fees: it is the exchange's, not a participant with limits.
    for (let accountId = 1; accountId <= last; accountId++) {
      for (const balance of engine.balances(accountId)) {
        if (assets.instrumentFor(balance.asset)) index.update(accountId, balance.asset, balance.available + balance.held);
      }
    }
    return index;
  }

  update(accountId: number, asset: string, total: number): void {
    let holders = this.byAsset.get(asset);
    if (total > 0) {
      if (!holders) this.byAsset.set(asset, (holders = new Set()));
      holders.add(accountId);
    } else if (holders) {
      holders.delete(accountId);
    }
  }

  holders(asset: string): ReadonlySet<number> {
    return this.byAsset.get(asset) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<number> = new Set();
