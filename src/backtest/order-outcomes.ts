// What became of the strategy's orders in a backtest: how many the engine took, refused (by reason) or ended unfilled itself (by reason).
import type { EngineEvent } from '../core/events.ts';

/** Counts of the strategy's orders; a refusal or an exchange's cancel is counted by its reason code. */
export interface OrderOutcomes {
  readonly accepted: number;
  /** Orders refused, by the engine (INSUFFICIENT_FUNDS, PRICE_OUT_OF_BAND) or before it (INVALID_QUANTITY: a qty that rounds to zero lots). */
  readonly refused: Readonly<Record<string, number>>;
  /**
   * Orders the exchange ended before they filled in full, say NO_LIQUIDITY or IOC_UNFILLED, and
   * expiries; the strategy's own cancels are not counted.
   */
  readonly endedByExchange: Readonly<Record<string, number>>;
}

/** Follows the strategy account's events; a run that trades nothing says why here, where a log line may go nowhere. */
export class OrderOutcomeCounter {
  private accepted = 0;
  private readonly refused: Record<string, number> = {};
  private readonly ended: Record<string, number> = {};

  /** An order refused before the engine saw it: by the SDK (a quantity that rounds to zero) or by the venue's checks of the request. */
  refuse(code: string): void {
    this.refused[code] = (this.refused[code] ?? 0) + 1;
  }

  /** One of the strategy account's events. */
  observe(event: EngineEvent): void {
    switch (event.type) {
      case 'OrderAccepted':
        this.accepted++;
        return;
      case 'OrderRejected':
        this.refused[event.reason] = (this.refused[event.reason] ?? 0) + 1;
        return;
      case 'OrderCancelled':
        if (event.reason !== 'USER_CANCELLED') this.ended[event.reason] = (this.ended[event.reason] ?? 0) + 1;
        return;
      case 'OrderExpired':
        this.ended[event.reason] = (this.ended[event.reason] ?? 0) + 1;
        return;
      case 'Fill':
      case 'LedgerEntry':
      case 'OrderReplaced':
      case 'OrderTriggered':
      case 'StopMoved':
      case 'RequestRejected':
      case 'AccountOpened':
      case 'AssetAdded':
      case 'InstrumentAdded':
      case 'RiskLimitsSet':
      case 'SessionEnded':
      case 'TradingStatusChanged':
        return;
    }
  }

  outcomes(): OrderOutcomes {
    return { accepted: this.accepted, refused: { ...this.refused }, endedByExchange: { ...this.ended } };
  }
}

/** "INSUFFICIENT_FUNDS 3, PRICE_OUT_OF_BAND 1", most frequent first; "none" when empty. */
export function outcomeText(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return entries.length === 0 ? 'none' : entries.map(([code, n]) => `${code} ${n}`).join(', ');
}
