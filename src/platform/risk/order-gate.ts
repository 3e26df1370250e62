// The gate the API calls before each order: what an order would do, the refusal it gets, and the kill switch's one exception.
import type { AssetSpec } from '../../core/instrument.ts';
import type { Side } from '../../core/orders.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Breach } from './limits.ts';
import { API_LIMIT_NAMES, formatLimitValue, type ApiLimitName } from './limit-units.ts';
import { LIMIT_LABELS, limitValueText } from './limit-wording.ts';
import { isManual, type KillCause, type KillState } from './risk-settings.ts';

/** What an order could add to a position: its side, symbol and quantity in lots. */
export interface OrderIntent {
  readonly side: Side;
  readonly symbol: string;
  readonly qty: number;
}

export interface RefusalDetails {
  /** The limit that tripped the switch, or "manual" when a person turned it on. */
  readonly limit: ApiLimitName | 'manual';
  /** The breached value and its limit; null for a switch turned on by hand. */
  readonly value: string | null;
  readonly threshold: string | null;
  /** The layer of the limit; for a switch turned on by hand, who did: the owner (self) or an admin (account). */
  readonly source: Breach['source'];
  /** When the kill switch tripped, epoch ms. */
  readonly since: number;
}

export interface RiskRefusal {
  readonly code: 'KILL_SWITCH_ACTIVE';
  readonly message: string;
  readonly details: RefusalDetails;
}

export interface OrderGate {
  /**
   * Called right before an order-entry command goes to the exchange, in the same synchronous step,
   * so nothing can trip the switch in between. `orders` counts towards the orders-per-second limit
   * (an OCO is two, a bracket three, a replace one); `intents` are what could grow a position (a
   * replace that raises a quantity names the increase; one that does not names nothing).
   */
  checkOrder(accountId: number, intents: readonly OrderIntent[], orders?: number): RiskRefusal | undefined;
}

/**
 * With the switch on, only orders that reduce a position pass: there is no short selling, so that
 * is a sell of no more than the account holds and has not already offered. A buy never passes.
 * Returns why an intent is refused, or undefined when all pass.
 */
export function killSwitchProblem(engine: Engine, accountId: number, intents: readonly OrderIntent[]): string | undefined {
  for (const intent of intents) {
    if (intent.side === 'buy') return 'The kill switch is on: buys are blocked; only sells of what you hold, and cancels, are accepted.';
    const instrument = engine.instrument(intent.symbol);
    // An unknown symbol is the engine's to refuse, with its own reason code.
    if (!instrument) continue;
    const available = engine.balance(accountId, instrument.base)?.available ?? 0;
    if (intent.qty * instrument.baseUnitsPerLot > available) {
      return `The kill switch is on: only sells that reduce a position are accepted, and this one is larger than the ${instrument.base} you hold and have not already offered.`;
    }
  }
  return undefined;
}

/** Whose limit a breach passed, as its message names it. */
const LAYER_LIMITS: Record<Breach['source'], string> = { self: "this account's limit", account: "an admin's limit", strategy: "its strategy's limit" };

/** "gross exposure 570.81 USD is above this account's limit of 100 USD." */
export function breachMessage(breach: Breach, currency: AssetSpec): string {
  const { limit, value, threshold, source } = breach;
  return `${LIMIT_LABELS[limit]} ${limitValueText(limit, value, currency)} is above ${LAYER_LIMITS[source]} of ${limitValueText(limit, threshold, currency)}.`;
}

/** "It tripped because drawdown 12.5% is above …" or "It was turned on by an admin." */
export function killReason(cause: KillCause, currency: AssetSpec): string {
  if (isManual(cause)) return `It was turned on by ${cause.source === 'self' ? 'the account owner' : 'an admin'}.`;
  return `It tripped because ${breachMessage(cause, currency)}`;
}

/** A breach in the API's terms (its field name, decimal strings), for answers and log lines alike. */
export function breachView(breach: Breach, currency: AssetSpec) {
  return {
    limit: API_LIMIT_NAMES[breach.limit],
    value: formatLimitValue(breach.limit, breach.value, currency),
    threshold: formatLimitValue(breach.limit, breach.threshold, currency),
    source: breach.source,
  };
}

export function refusalDetails(kill: KillState, currency: AssetSpec): RefusalDetails {
  const breach = kill.cause;
  if (isManual(breach)) return { limit: 'manual', value: null, threshold: null, source: breach.source, since: kill.since };
  return { ...breachView(breach, currency), since: kill.since };
}
