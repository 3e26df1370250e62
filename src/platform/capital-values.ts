// Deposits and withdrawals valued in the valuation currency at the moment the engine applies them, held until the store has recorded them.
import type { EngineEvent } from '../core/events.ts';
import type { Engine } from '../engine/engine.ts';
import type { CapitalValue } from '../store/index.ts';
import { valueAsset } from './portfolio/valuation.ts';

/**
 * A move's value depends only on the journal up to it (the engine's last price when it was applied),
 * so valuing it as it is applied live and as it is replayed after a crash gives the same number; the
 * store records it before the move's own rows, so no stored move is left without its value.
 */
export class CapitalValuer {
  /** Values not yet recorded by the store, in seq order. */
  private readonly unstored = new Map<number, CapitalValue>();

  constructor(readonly currency: string) {}

  /** Values the deposits and withdrawals among `events`, with `engine` as it is right after applying them. */
  note(engine: Engine, events: readonly EngineEvent[]): void {
    for (const event of events) {
      if (event.type !== 'LedgerEntry' || (event.reason !== 'deposit' && event.reason !== 'withdrawal')) continue;
      const value = valueAsset(engine, event.asset, event.deltaAvailable, this.currency);
      this.unstored.set(event.seq, { seq: event.seq, currency: this.currency, accountId: event.accountId, value });
    }
  }

  /** The value of the move at event `seq`, until the store has it. */
  valueOf(seq: number): number | undefined {
    return this.unstored.get(seq)?.value;
  }

  /** The unrecorded values of moves up to event `seq`: those of a batch about to be stored. */
  through(seq: number): CapitalValue[] {
    const values: CapitalValue[] = [];
    for (const value of this.unstored.values()) {
      if (value.seq > seq) break;
      values.push(value);
    }
    return values;
  }

  /** Forgets values the store has recorded. */
  recorded(values: readonly CapitalValue[]): void {
    for (const value of values) this.unstored.delete(value.seq);
  }
}
