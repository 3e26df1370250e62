// Per-account performance from sampled equity: return, high-water mark, drawdown, Sharpe and trade count.
import { markAfterCapital } from './high-water-mark.ts';

/** Equity samples are taken on a fixed period of engine time; Sharpe is annualised from it. */
export interface PerformanceOptions {
  readonly sampleMs: number;
}

export interface PerformanceStats {
  readonly accountId: number;
  /** Deposits minus withdrawals: the capital the return is measured against. */
  readonly netDeposits: number;
  readonly equity: number;
  /** (equity - netDeposits) / netDeposits; 0 with no capital. */
  readonly returnPct: number;
  readonly highWaterMark: number;
  /** Worst fall from a high-water mark seen so far, as a fraction of that mark. */
  readonly maxDrawdownPct: number;
  /** Current fall from the high-water mark. */
  readonly drawdownPct: number;
  /**
   * Mean over standard deviation of per-sample returns, annualised; null until there are
   * MIN_SHARPE_SAMPLES returns (annualising a few minutes of drift gives figures in the hundreds),
   * 0 without variance.
   */
  readonly sharpe: number | null;
  readonly trades: number;
}

const YEAR_MS = 365 * 86_400_000;

/** Returns an account needs before its Sharpe ratio means anything: half an hour of one-minute samples. */
export const MIN_SHARPE_SAMPLES = 30;

class AccountPerformance {
  netDeposits = 0;
  equity = 0;
  highWaterMark = 0;
  maxDrawdown = 0;
  trades = 0;
  lastSample: number | undefined;
  // Welford's running mean and variance of per-sample returns.
  n = 0;
  mean = 0;
  m2 = 0;

  constructor(readonly accountId: number) {}

  sample(equity: number): void {
    // Capital moves are not performance: returns are measured on equity net of deposits since the last sample.
    if (this.lastSample !== undefined && this.lastSample > 0) {
      const r = (equity - this.lastSample) / this.lastSample;
      this.n++;
      const delta = r - this.mean;
      this.mean += delta / this.n;
      this.m2 += delta * (r - this.mean);
    }
    this.lastSample = equity;
    this.observe(equity);
  }

  observe(equity: number): void {
    this.equity = equity;
    if (equity > this.highWaterMark) this.highWaterMark = equity;
    if (this.highWaterMark > 0) this.maxDrawdown = Math.max(this.maxDrawdown, (this.highWaterMark - equity) / this.highWaterMark);
  }
}

/** Tracks every account it is told about; the caller feeds equity, capital moves and trades. */
export class PerformanceBook {
  private readonly accounts = new Map<number, AccountPerformance>();

  constructor(private readonly options: PerformanceOptions) {}

  private account(accountId: number): AccountPerformance {
    let account = this.accounts.get(accountId);
    if (!account) this.accounts.set(accountId, (account = new AccountPerformance(accountId)));
    return account;
  }

  /** A deposit (positive) or withdrawal (negative) in valuation-currency minor units. */
  capital(accountId: number, amount: number, equityAfter: number): void {
    const account = this.account(accountId);
    account.netDeposits += amount;
    // A deposit is not a gain and a withdrawal not a loss, nor a drawdown in percent.
    account.highWaterMark = markAfterCapital(account.highWaterMark, amount, equityAfter);
    account.lastSample = account.lastSample === undefined ? undefined : account.lastSample + amount;
    account.observe(equityAfter);
  }

  trade(accountId: number): void {
    this.account(accountId).trades++;
  }

  /** Periodic sample (one per `sampleMs` of engine time) of every account's equity. */
  sample(equities: ReadonlyMap<number, number>): void {
    for (const [accountId, equity] of equities) this.account(accountId).sample(equity);
  }

  /** Between samples: keeps the high-water mark and drawdown current without touching Sharpe. */
  observe(accountId: number, equity: number): void {
    this.account(accountId).observe(equity);
  }

  stats(accountId: number): PerformanceStats | undefined {
    const a = this.accounts.get(accountId);
    if (!a) return undefined;
    const variance = a.n > 1 ? a.m2 / (a.n - 1) : 0;
    const perYear = YEAR_MS / this.options.sampleMs;
    return {
      accountId,
      netDeposits: a.netDeposits,
      equity: a.equity,
      returnPct: a.netDeposits > 0 ? (a.equity - a.netDeposits) / a.netDeposits : 0,
      highWaterMark: a.highWaterMark,
      maxDrawdownPct: a.maxDrawdown,
      drawdownPct: a.highWaterMark > 0 ? (a.highWaterMark - a.equity) / a.highWaterMark : 0,
      sharpe: a.n < MIN_SHARPE_SAMPLES ? null : variance > 0 ? (a.mean / Math.sqrt(variance)) * Math.sqrt(perYear) : 0,
      trades: a.trades,
    };
  }

  all(): PerformanceStats[] {
    return [...this.accounts.keys()].map((id) => this.stats(id)!);
  }
}
