// The event projector: writes batches of engine events into the read model, one transaction per batch.
import type { Kysely } from 'kysely';
import type { EngineEvent } from '../core/events.ts';
import { bulkInsert, type BulkStatement } from './bulk.ts';
import { CandlesRepo } from './candles.ts';
import { MetaRepo } from './meta.ts';
import { changeRow, orderUpdateStatement } from './order-updates.ts';
import { FILL_COLUMNS, LEDGER_COLUMNS, ProjectionBatch, TRADE_COLUMNS, type OrderInsert } from './projection-batch.ts';
import type { CandleRow, Database, OrdersTable } from './schema.ts';
import { inTransaction } from './transaction.ts';

/** The meta key holding the seq of the last event projected, unless the projector is given another. */
export const PROJECTED_SEQ_KEY = 'projector.seq';

const ORDER_COLUMNS = [
  'id', 'accountId', 'clientOrderId', 'symbol', 'side', 'orderType', 'tif', 'qty', 'price', 'stopPrice', 'trailAmount', 'trailBps', 'waterMark',
  'placedQty', 'placedPrice', 'placedStopPrice',
  'expireAt', 'postOnly', 'stp', 'groupId', 'parentId', 'status', 'filledQty', 'leavesQty', 'filledNotional', 'reason', 'createdAt', 'updatedAt',
] as const satisfies ReadonlyArray<keyof OrdersTable>;

export interface ProjectorOptions {
  /** Meta key of this projector's watermark; one projector writes one key. */
  readonly watermarkKey?: string;
}

/** Writes batches of engine events into the read model: EventProjector here, or ProjectionThread on its own thread. */
export interface Projector {
  /** Projects `events`, upserts `candles` and sets the `meta` keys given, atomically. */
  apply(events: readonly EngineEvent[], meta?: Readonly<Record<string, number>>, candles?: readonly CandleRow[]): Promise<ProjectionResult>;
  /** The seq of the last event projected; 0 before the first. */
  watermark(): Promise<number>;
}

export interface ProjectionResult {
  /** Events newer than the watermark, now projected. */
  readonly applied: number;
  /** Events at or below the watermark, projected by an earlier batch. */
  readonly skipped: number;
  /** The watermark after the batch. */
  readonly lastSeq: number;
}

/**
 * Projects engine events into orders, fills, trades and ledger rows.
 *
 * Batches must arrive in seq order, from one projector per watermark key. Each batch is one
 * transaction that also moves the watermark, so after a crash the store holds whole batches only,
 * and events at or below the watermark are skipped when the journal delivers them again: applying
 * a batch twice, or batches that overlap, changes nothing. That is what lets the filled notional
 * be a running sum. Inserts also ignore rows whose key exists, as a second line of defence.
 *
 * Writes are set-based for throughput: a batch costs a handful of multi-row statements per table
 * and one update statement per 256 orders changed, however many events it holds.
 */
export class EventProjector implements Projector {
  private readonly watermarkKey: string;
  private readonly insertOrders: BulkStatement;
  private readonly updateOrders: BulkStatement;
  private readonly insertFills: BulkStatement;
  private readonly insertTrades: BulkStatement;
  private readonly insertLedger: BulkStatement;

  constructor(
    private readonly db: Kysely<Database>,
    options: ProjectorOptions = {},
  ) {
    this.watermarkKey = options.watermarkKey ?? PROJECTED_SEQ_KEY;
    this.insertOrders = bulkInsert(db, 'orders', ORDER_COLUMNS);
    this.updateOrders = orderUpdateStatement(db);
    this.insertFills = bulkInsert(db, 'fills', FILL_COLUMNS);
    this.insertTrades = bulkInsert(db, 'trades', TRADE_COLUMNS);
    this.insertLedger = bulkInsert(db, 'ledger', LEDGER_COLUMNS);
  }

  /** The seq of the last event projected; 0 before the first. */
  async watermark(): Promise<number> {
    return (await new MetaRepo(this.db).get(this.watermarkKey)) ?? 0;
  }

  /** Projects `events`, upserts `candles` and sets the `meta` keys given, atomically. */
  apply(events: readonly EngineEvent[], meta: Readonly<Record<string, number>> = {}, candles: readonly CandleRow[] = []): Promise<ProjectionResult> {
    return inTransaction(this.db, async (trx) => {
      const metaRepo = new MetaRepo(trx);
      const batch = new ProjectionBatch((await metaRepo.get(this.watermarkKey)) ?? 0);
      for (const event of events) batch.add(event);
      if (batch.newOrders.size > 0) await this.insertOrders.run(trx, [...batch.newOrders.values()].map(orderRow));
      if (batch.changes.size > 0) await this.updateOrders.run(trx, [...batch.changes.values()].map(changeRow));
      await this.insertFills.run(trx, batch.fills);
      await this.insertTrades.run(trx, batch.trades);
      await this.insertLedger.run(trx, batch.ledger);
      if (candles.length > 0) await new CandlesRepo(trx).upsertCandles(candles);
      await metaRepo.setMany(batch.applied > 0 ? { ...meta, [this.watermarkKey]: batch.lastSeq } : meta);
      return { applied: batch.applied, skipped: batch.skipped, lastSeq: batch.lastSeq };
    });
  }
}

function orderRow(order: OrderInsert): readonly unknown[] {
  return ORDER_COLUMNS.map((column) => order[column]);
}
