// The settings of one run as a user gives them (fill model, slippage, latency, cash, seed), turned into the run's options: shared by the CLI and the REST API.
import { fromUnits, toUnits } from '../core/decimal.ts';
import type { AssetSpec } from '../core/instrument.ts';
import { MAX_AMOUNT } from '../core/limits.ts';
import { minorUnit } from '../strategy/venue-orders.ts';
import type { FillModelName, RunSettings } from './run-backtest.ts';

export interface RunChoice {
  readonly fillModel?: FillModelName;
  readonly slippageTicks: number;
  readonly slippageBps: number;
  readonly fillOnTouch?: boolean;
  /** Delay of every strategy action, and the extra random delay up to `jitterMs`; 0 and 0 for none. */
  readonly latencyMs: number;
  readonly jitterMs: number;
  /** Starting cash in the quote currency, a decimal string. */
  readonly cash: string;
  readonly seed: number;
}

/** The run's settings; the strategy's deposits are the cash in `currency`, the first instrument's quote currency. */
export function runSettingsOf(choice: RunChoice, currency: string): RunSettings {
  return {
    fillModel: choice.fillModel,
    slippageTicks: choice.slippageTicks,
    slippageBps: choice.slippageBps,
    fillOnTouch: choice.fillOnTouch === true,
    latency: choice.latencyMs > 0 || choice.jitterMs > 0 ? { ms: choice.latencyMs, jitterMs: choice.jitterMs } : undefined,
    deposits: { [currency]: choice.cash },
    seed: choice.seed,
  };
}

/**
 * Why `cash`, a positive plain decimal, cannot be the starting cash in `quote`, or undefined when it can: more decimals than
 * the currency's scale, or more than an account holds. `field` names it as the user wrote it ("cash" in a request, "--cash").
 * The CLI and the REST API refuse with it up front, before any data is read.
 */
export function cashProblem(cash: string, quote: AssetSpec, field: string): string | undefined {
  const unit = minorUnit(quote.scale);
  const decimals = (cash.split('.')[1] ?? '').replace(/0+$/, '').length;
  if (decimals > quote.scale) {
    const allowed = quote.scale === 0 ? 'a whole number' : `at most ${quote.scale} decimal place${quote.scale === 1 ? '' : 's'}`;
    return `${field} ${cash} has more decimals than ${quote.code} has: ${allowed} (its minor unit is ${unit})`;
  }
  const units = toUnits(cash, unit);
  if (units === undefined || units > MAX_AMOUNT) return `${field} ${cash} is too large: at most ${fromUnits(MAX_AMOUNT, unit)} ${quote.code}`;
  return undefined;
}
