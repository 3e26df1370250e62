// The settings of one run as a user gives them (fill model, slippage, latency, cash, seed), turned into the run's options: shared by the CLI and the REST API.
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
