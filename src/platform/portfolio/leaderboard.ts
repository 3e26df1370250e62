// The leaderboard: every participant ranked by mark-to-market equity, with return, drawdown, Sharpe and trades; system users and users who never had capital are no participants.
import type { EngineEvent } from '../../core/events.ts';
import { parseCursor, type Cursor, type Store } from '../../store/index.ts';
import type { EventBus } from '../event-bus.ts';
import type { Exchange } from '../exchange.ts';
import type { FeedMessage } from '../feed-messages.ts';
import { topics } from '../topics.ts';
import { PerformanceBook, type PerformanceStats } from './performance.ts';
import { storedCapital } from './stored-capital.ts';
import { valueAccount, valueAsset, valueInBatch } from './valuation.ts';

export interface LeaderboardRow extends PerformanceStats {
  readonly rank: number;
  readonly userId: number;
  readonly username: string;
  readonly role: string;
}

export interface LeaderboardOptions {
  /** The currency equity is measured in. Default USD. */
  readonly currency?: string;
  /** Equity is sampled for Sharpe and drawdown once per this much engine time. Default one minute. */
  readonly sampleMs?: number;
}

/**
 * Fed by durable batches, so it sees exactly what was acknowledged. Each deposit and withdrawal
 * counts at the value the exchange gave it when it was applied, which the store records; after a
 * restart net deposits (the same values, see storedCapital) and trade counts are rebuilt from the
 * store, so return % is the same before and after; the equity curve (drawdown, Sharpe) starts again
 * from the current equity.
 */
export class Leaderboard {
  private readonly book: PerformanceBook;
  private readonly currency: string;
  private readonly sampleMs: number;
  private readonly accounts = new Set<number>();
  /** Accounts that ever had a deposit or withdrawal. */
  private readonly funded = new Set<number>();
  private lastBucket = -1;
  private stop: (() => void) | undefined;

  constructor(
    private readonly exchange: Exchange,
    private readonly store: Store,
    options: LeaderboardOptions = {},
  ) {
    this.currency = options.currency ?? 'USD';
    this.sampleMs = options.sampleMs ?? 60_000;
    this.book = new PerformanceBook({ sampleMs: this.sampleMs });
  }

  /** Rebuilds the baselines from the store and starts following the exchange. */
  async start(bus: EventBus<FeedMessage>): Promise<void> {
    // One capital move per account, with its equity now: a move per asset, each with the whole
    // equity, would lift the high-water mark once by the equity and again by every other asset.
    for (const [accountId, amount] of await storedCapital(this.store, this.exchange.engine, this.currency)) {
      this.accounts.add(accountId);
      this.funded.add(accountId);
      this.book.capital(accountId, amount, this.equity(accountId));
    }
    for (const [accountId, count] of await this.store.fills.countByAccount()) for (let i = 0; i < count; i++) this.book.trade(accountId);
    // It values accounts from the engine, like risk: it follows each batch once durable, in the same
    // delivery as the risk monitor, so the two share one valuation per account (valueInBatch).
    this.stop = bus.subscribe(topics.durable, (message) => {
      if (message.kind === 'durable') this.onDurable(message.events);
    });
  }

  close(): void {
    this.stop?.();
  }

  /**
   * Every participant, ranked by equity (highest first); ties keep the older user first. Users the platform made for itself
   * (the living market's owner) are left out, and so are users who never had capital: no deposit or withdrawal, no trade and
   * nothing held (an admin who only administers). An admin who trades is a participant like anyone.
   */
  async rows(): Promise<LeaderboardRow[]> {
    const users = [];
    for (let cursor: Cursor | undefined; ; ) {
      const page = await this.store.users.list({ limit: 500, cursor });
      users.push(...page.items);
      if (page.nextCursor === null) break;
      cursor = parseCursor(page.nextCursor);
    }
    const system = await this.store.meta.systemUserIds();
    const rows = users
      .filter((user) => !system.has(user.id))
      .map((user) => ({ userId: user.id, username: user.username, role: user.role, ...this.valued(user.accountId)! }))
      .filter((row) => this.funded.has(row.accountId) || row.trades > 0 || row.equity !== 0);
    rows.sort((a, b) => b.equity - a.equity || a.userId - b.userId);
    return rows.map((row, i) => ({ ...row, rank: i + 1 }));
  }

  stats(accountId: number): PerformanceStats | undefined {
    return this.book.stats(accountId);
  }

  /** The account's figures with its equity valued now, as a leaderboard row has them. */
  valued(accountId: number): PerformanceStats | undefined {
    this.book.observe(accountId, this.equity(accountId));
    return this.book.stats(accountId);
  }

  /** `batch`: the durable batch being delivered, whose valuations the risk monitor shares. */
  private equity(accountId: number, batch?: readonly EngineEvent[]): number {
    return (batch ? valueInBatch(this.exchange.engine, accountId, this.currency, batch) : valueAccount(this.exchange.engine, accountId, this.currency)).equity;
  }

  private onDurable(events: readonly EngineEvent[]): void {
    const engine = this.exchange.engine;
    const touched = new Set<number>();
    // Summed per account: the equity known is the one after the whole batch (see start).
    const capital = new Map<number, number>();
    for (const event of events) {
      if (event.type === 'AccountOpened') this.accounts.add(event.accountId);
      else if (event.type === 'Fill') {
        this.book.trade(event.accountId);
        touched.add(event.accountId);
      } else if (event.type === 'LedgerEntry' && (event.reason === 'deposit' || event.reason === 'withdrawal')) {
        this.accounts.add(event.accountId);
        this.funded.add(event.accountId);
        // The value the move had when applied, which a restart reads back from the store (see storedCapital).
        const value = this.exchange.capitalValue(event.seq, this.currency) ?? valueAsset(engine, event.asset, event.deltaAvailable, this.currency);
        capital.set(event.accountId, (capital.get(event.accountId) ?? 0) + value);
      }
    }
    for (const [accountId, amount] of capital) this.book.capital(accountId, amount, this.equity(accountId, events));
    for (const accountId of touched) this.book.observe(accountId, this.equity(accountId, events));
    const ts = events.at(-1)?.ts ?? 0;
    const bucket = Math.floor(ts / this.sampleMs);
    if (bucket > this.lastBucket) {
      this.lastBucket = bucket;
      this.book.sample(new Map([...this.accounts].map((id) => [id, this.equity(id, events)])));
    }
  }
}
