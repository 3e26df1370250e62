// The batched order update: one statement applies many OrderChanges through a VALUES list.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { BulkStatement } from './bulk.ts';
import type { OrderChange, Row } from './projection-batch.ts';
import type { Database } from './schema.ts';

/** The VALUES columns and their SQL types, in the order changeRow() fills them. */
const COLUMNS = [
  ['id', 'bigint'],
  ['status', 'text'],
  ['parent_triggered', 'integer'],
  ['filled_qty', 'bigint'],
  ['leaves_qty', 'bigint'],
  ['notional_delta', 'bigint'],
  ['qty', 'bigint'],
  ['price', 'bigint'],
  ['stop_price', 'bigint'],
  ['water_mark', 'bigint'],
  ['reason', 'text'],
  ['updated_at', 'bigint'],
] as const;

export function changeRow(change: OrderChange): Row {
  return [
    change.id,
    change.status,
    change.parentTriggered ? 1 : 0,
    change.filledQty,
    change.leavesQty,
    change.notionalDelta,
    change.qty,
    change.price,
    change.stopPrice,
    change.waterMark,
    change.reason,
    change.updatedAt,
  ];
}

/**
 * PostgreSQL types a VALUES list from its first row and cannot infer parameter types there, so the
 * first row casts each value; SQLite accepts the same casts. Null fields keep the stored value, and
 * a bracket leg that went live becomes open or untriggered by its type, as in the engine.
 */
export function orderUpdateStatement(db: Kysely<Database>): BulkStatement {
  return new BulkStatement(COLUMNS.length, (rows) => {
    const typed = sql`(${sql.join(COLUMNS.map(([, type]) => sql`cast(${null} as ${sql.raw(type)})`))})`;
    const plain = sql`(${sql.join(COLUMNS.map(() => sql`${null}`))})`;
    const values: RawBuilder<unknown>[] = [typed];
    for (let i = 1; i < rows; i++) values.push(plain);
    return sql`
      with c (${sql.raw(COLUMNS.map(([name]) => name).join(', '))}) as (values ${sql.join(values)})
      update orders set
        status = case when c.parent_triggered = 1 then (case when orders.order_type = 'limit' then 'open' else 'untriggered' end)
                      else coalesce(c.status, orders.status) end,
        filled_qty = coalesce(c.filled_qty, orders.filled_qty),
        leaves_qty = coalesce(c.leaves_qty, orders.leaves_qty),
        filled_notional = orders.filled_notional + c.notional_delta,
        qty = coalesce(c.qty, orders.qty),
        price = coalesce(c.price, orders.price),
        stop_price = coalesce(c.stop_price, orders.stop_price),
        water_mark = coalesce(c.water_mark, orders.water_mark),
        reason = coalesce(c.reason, orders.reason),
        updated_at = c.updated_at
      from c
      where orders.id = c.id`.compile(db);
  });
}
