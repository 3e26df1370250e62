// One account's risk arithmetic: equity at the start of the UTC day, capital moves, the high-water mark, drawdown and the day's extremes.
import type { RiskDailyRow, RiskSampleRow } from '../../store/index.ts';
import { markAfterCapital } from '../portfolio/high-water-mark.ts';
import type { RiskMetrics } from './limits.ts';

export const DAY_MS = 86_400_000;

/** Midnight UTC of the day `ts` falls in (epoch ms). */
export function utcDay(ts: number): number {
  return ts - (((ts % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Fall from the high-water mark in whole basis points, rounded down; 0 at or above the mark or with no mark. */
export function drawdownBps(highWaterMark: number, equity: number): number {
  if (highWaterMark <= 0 || equity >= highWaterMark) return 0;
  // In bigint: (mark - equity) * 10,000 can pass 2^53 for large accounts.
  return Number((BigInt(highWaterMark - equity) * 10_000n) / BigInt(highWaterMark));
}

/** What a valuation tells the risk arithmetic (valueAccount's result fits). */
export interface Marked {
  readonly equity: number;
  readonly grossExposure: number;
  readonly netExposure: number;
}

/**
 * Invariants: `highWaterMark >= 0`; the day's P&L is `equity - startEquity - netFlows`, so capital
 * moves are neither gains nor losses; the high-water mark scales with capital for the same reason
 * (a withdrawal does not deepen a drawdown, a deposit does not heal one: see markAfterCapital). A day's row is finished when a later day is first seen, and
 * the new day starts from the last equity seen.
 */
export class AccountRisk {
  equity: number;
  grossExposure = 0;
  netExposure = 0;
  private startEquity: number;
  private netFlows = 0;
  private hwm: number;
  private minEquity: number;
  private maxEquity: number;
  private maxGross = 0;
  private maxNet = 0;
  private maxDrawdown = 0;
  private updatedAt: number;
  private lastSampled: number | undefined;
  private readonly finished: RiskDailyRow[] = [];

  private constructor(
    readonly accountId: number,
    private day: number,
    equity: number,
    highWaterMark: number,
    at: number,
  ) {
    this.equity = equity;
    this.startEquity = equity;
    this.hwm = Math.max(0, highWaterMark);
    this.minEquity = equity;
    this.maxEquity = equity;
    this.updatedAt = at;
  }

  /** An account seen for the first time: its day starts at `equity`, which is also its mark. */
  static start(accountId: number, ts: number, equity: number): AccountRisk {
    return new AccountRisk(accountId, utcDay(ts), equity, equity, ts);
  }

  /** Picks up from the last stored row: the same day continues, a later one starts at `equity` with the stored mark. */
  static resume(row: RiskDailyRow, ts: number, equity: number): AccountRisk {
    if (row.day !== utcDay(ts)) return new AccountRisk(row.accountId, utcDay(ts), equity, row.highWaterMark, ts);
    const risk = new AccountRisk(row.accountId, row.day, row.endEquity, row.highWaterMark, row.updatedAt);
    risk.startEquity = row.startEquity;
    risk.netFlows = row.netFlows;
    risk.minEquity = row.minEquity;
    risk.maxEquity = row.maxEquity;
    risk.maxGross = row.maxGrossExposure;
    risk.maxNet = row.maxNetExposure;
    risk.maxDrawdown = row.maxDrawdownBps;
    return risk;
  }

  get highWaterMark(): number {
    return this.hwm;
  }

  get dayStart(): number {
    return this.day;
  }

  get dayStartEquity(): number {
    return this.startEquity;
  }

  get dayNetFlows(): number {
    return this.netFlows;
  }

  get dailyPnl(): number {
    return this.equity - this.startEquity - this.netFlows;
  }

  get drawdownBps(): number {
    return drawdownBps(this.hwm, this.equity);
  }

  /** A deposit (positive) or withdrawal (negative) valued in the risk currency, that left the account at `equityAfter`. */
  capital(ts: number, amount: number, equityAfter: number): void {
    this.rollTo(ts);
    this.netFlows += amount;
    this.hwm = markAfterCapital(this.hwm, amount, equityAfter);
  }

  /** A fresh valuation of the account. */
  observe(ts: number, marked: Marked): void {
    this.rollTo(ts);
    this.equity = marked.equity;
    this.grossExposure = marked.grossExposure;
    this.netExposure = marked.netExposure;
    if (marked.equity > this.hwm) this.hwm = marked.equity;
    this.minEquity = Math.min(this.minEquity, marked.equity);
    this.maxEquity = Math.max(this.maxEquity, marked.equity);
    this.maxGross = Math.max(this.maxGross, marked.grossExposure);
    this.maxNet = Math.max(this.maxNet, Math.abs(marked.netExposure));
    this.maxDrawdown = Math.max(this.maxDrawdown, this.drawdownBps);
    this.updatedAt = Math.max(this.updatedAt, ts);
  }

  /** Moves the high-water mark to the current equity, so the drawdown restarts from here (an admin's reset). */
  rebase(): void {
    this.hwm = Math.max(0, this.equity);
  }

  metrics(): RiskMetrics {
    return { grossExposure: this.grossExposure, netExposure: this.netExposure, dailyLoss: Math.max(0, -this.dailyPnl), drawdownBps: this.drawdownBps };
  }

  /** Today's row as it stands. */
  record(): RiskDailyRow {
    return {
      accountId: this.accountId,
      day: this.day,
      startEquity: this.startEquity,
      endEquity: this.equity,
      minEquity: this.minEquity,
      maxEquity: this.maxEquity,
      maxGrossExposure: this.maxGross,
      maxNetExposure: this.maxNet,
      maxDrawdownBps: this.maxDrawdown,
      netFlows: this.netFlows,
      highWaterMark: this.hwm,
      updatedAt: this.updatedAt,
    };
  }

  /** Rows of days that ended since the last call, oldest first. */
  takeFinished(): RiskDailyRow[] {
    return this.finished.splice(0);
  }

  /** A point on the equity curve, or undefined when equity has not changed since the last one. */
  sample(ts: number): RiskSampleRow | undefined {
    if (this.equity === this.lastSampled) return undefined;
    this.lastSampled = this.equity;
    return { accountId: this.accountId, ts, equity: this.equity, drawdownBps: this.drawdownBps };
  }

  private rollTo(ts: number): void {
    const day = utcDay(ts);
    if (day <= this.day) return;
    this.finished.push(this.record());
    this.day = day;
    this.startEquity = this.equity;
    this.netFlows = 0;
    this.minEquity = this.equity;
    this.maxEquity = this.equity;
    this.maxGross = this.grossExposure;
    this.maxNet = Math.abs(this.netExposure);
    this.maxDrawdown = this.drawdownBps;
    this.updatedAt = ts;
  }
}
