// Folds one batch of engine events into the rows and per-order changes the projector writes.
import type { EngineEvent, Fill, LedgerEntry, OrderAccepted } from '../core/events.ts';
import { toOrderRow } from './orders.ts';
import type { OrderRow, OrderStatus, OrdersTable } from './schema.ts';

/**
 * What a batch did to an order accepted in an earlier batch. Null fields are unchanged; every
 * field but the notional is the order's absolute value after the batch.
 */
export interface OrderChange {
  readonly id: number;
  status: OrderStatus | null;
  /**
   * The last status change was a bracket leg going live: the stored order type decides between
   * open (take-profit limit) and untriggered (stop-loss), as in the engine.
   */
  parentTriggered: boolean;
  filledQty: number | null;
  leavesQty: number | null;
  /** Sum of price x qty of this batch's fills, added to the stored notional. */
  notionalDelta: number;
  qty: number | null;
  price: number | null;
  stopPrice: number | null;
  /** A trailing stop's water mark after its last StopMoved of the batch. */
  waterMark: number | null;
  reason: string | null;
  updatedAt: number;
}

export type OrderInsert = OrdersTable;

/** Columns of the rows this batch builds, in order; the projector inserts with the same lists. */
export const FILL_COLUMNS = ['id', 'tradeId', 'orderId', 'accountId', 'symbol', 'side', 'liquidity', 'price', 'qty', 'fee', 'counterOrderId', 'ts'] as const;
export const TRADE_COLUMNS = ['tradeId', 'symbol', 'price', 'qty', 'takerSide', 'ts'] as const;
export const LEDGER_COLUMNS = ['seq', 'accountId', 'asset', 'reason', 'refId', 'deltaAvailable', 'deltaHeld', 'available', 'held', 'memo', 'ts'] as const;

export type Row = readonly unknown[];

export class ProjectionBatch {
  /** Orders accepted in this batch, already carrying every later change of the batch. */
  readonly newOrders = new Map<number, OrderInsert>();
  /** Changes to orders accepted before this batch. */
  readonly changes = new Map<number, OrderChange>();
  readonly fills: Row[] = [];
  readonly trades: Row[] = [];
  readonly ledger: Row[] = [];
  applied = 0;
  skipped = 0;
  lastSeq: number;

  /**
   * Events numbered at or below `watermark` were projected before and are skipped. `ordersOnly`
   * folds the orders and leaves out the fill, trade and ledger rows (an answer needs the orders alone).
   */
  constructor(
    private readonly watermark: number,
    private readonly ordersOnly = false,
  ) {
    this.lastSeq = watermark;
  }

  add(event: EngineEvent): void {
    if (event.seq <= this.watermark) {
      this.skipped++;
      return;
    }
    this.applied++;
    if (event.seq > this.lastSeq) this.lastSeq = event.seq;
    switch (event.type) {
      case 'OrderAccepted':
        this.newOrders.set(event.orderId, acceptedRow(event));
        return;
      case 'Fill':
        return this.fill(event);
      case 'OrderCancelled':
      case 'OrderExpired':
        return this.end(event.orderId, event.type === 'OrderCancelled' ? 'cancelled' : 'expired', event.reason, event.filledQty, event.ts);
      case 'OrderReplaced': {
        const target = this.target(event.orderId, event.ts);
        target.qty = event.qty;
        target.leavesQty = event.leavesQty;
        if (event.price !== undefined) target.price = event.price;
        if (event.stopPrice !== undefined) target.stopPrice = event.stopPrice;
        return;
      }
      case 'StopMoved': {
        const target = this.target(event.orderId, event.ts);
        target.stopPrice = event.stopPrice;
        target.waterMark = event.waterMark;
        return;
      }
      case 'OrderTriggered': {
        const target = this.target(event.orderId, event.ts);
        target.leavesQty = event.qty;
        if (event.cause === 'parent') {
          // A bracket leg's size is the entry's filled quantity, known only now.
          target.qty = event.qty;
          setStatus(target, null);
        } else {
          setStatus(target, 'open');
        }
        return;
      }
      case 'LedgerEntry':
        if (!this.ordersOnly) this.ledger.push(ledgerRow(event));
        return;
      case 'AssetAdded':
      case 'InstrumentAdded':
      case 'AccountOpened':
      case 'RiskLimitsSet':
      case 'OrderRejected':
      case 'RequestRejected':
      case 'SessionEnded':
      case 'TradingStatusChanged':
        return;
    }
  }

  private fill(event: Fill): void {
    if (!this.ordersOnly) {
      this.fills.push([event.seq, event.tradeId, event.orderId, event.accountId, event.symbol, event.side, event.liquidity, event.price, event.qty, event.fee, event.counterOrderId, event.ts]);
      // Both sides of a trade fill; the taker's fill alone says who took, so it writes the tape.
      if (event.liquidity === 'taker') this.trades.push([event.tradeId, event.symbol, event.price, event.qty, event.side, event.ts]);
    }
    const target = this.target(event.orderId, event.ts);
    target.filledQty = event.filledQty;
    target.leavesQty = event.leavesQty;
    setStatus(target, event.leavesQty === 0 ? 'filled' : 'partially_filled');
    // Within 2^53: price x qty is a notional in tick-lots, and the engine bounds notionals by 2^52.
    if (isNew(target)) target.filledNotional += event.price * event.qty;
    else target.notionalDelta += event.price * event.qty;
  }

  private end(orderId: number, status: 'cancelled' | 'expired', reason: string, filledQty: number, ts: number): void {
    const target = this.target(orderId, ts);
    target.filledQty = filledQty;
    target.leavesQty = 0;
    target.reason = reason;
    setStatus(target, status);
  }

  /** The row or change that events of `orderId` update, stamped with the event's time. */
  private target(orderId: number, ts: number): OrderInsert | OrderChange {
    const order = this.newOrders.get(orderId);
    if (order !== undefined) {
      order.updatedAt = ts;
      return order;
    }
    let change = this.changes.get(orderId);
    if (change === undefined) {
      change = { id: orderId, status: null, parentTriggered: false, filledQty: null, leavesQty: null, notionalDelta: 0, qty: null, price: null, stopPrice: null, waterMark: null, reason: null, updatedAt: ts };
      this.changes.set(orderId, change);
    }
    change.updatedAt = ts;
    return change;
  }
}

/** The orders `events` accept, as the read model holds them once the events are projected. */
export function acceptedOrders(events: readonly EngineEvent[]): OrderRow[] {
  const batch = new ProjectionBatch(0, true);
  for (const event of events) batch.add(event);
  return [...batch.newOrders.values()].map(toOrderRow);
}

function isNew(target: OrderInsert | OrderChange): target is OrderInsert {
  return 'orderType' in target;
}

/** Sets a status; null means "went live as a bracket leg", which the order type resolves. */
function setStatus(target: OrderInsert | OrderChange, status: OrderStatus | null): void {
  if (isNew(target)) {
    target.status = status ?? (target.orderType === 'limit' ? 'open' : 'untriggered');
  } else {
    target.status = status;
    target.parentTriggered = status === null;
  }
}

function acceptedRow(event: OrderAccepted): OrderInsert {
  return {
    id: event.orderId,
    accountId: event.accountId,
    clientOrderId: event.clientOrderId ?? null,
    symbol: event.symbol,
    side: event.side,
    orderType: event.orderType,
    tif: event.tif,
    qty: event.qty,
    price: event.price ?? null,
    stopPrice: event.stopPrice ?? null,
    trailAmount: event.trailAmount ?? null,
    trailBps: event.trailBps ?? null,
    waterMark: event.waterMark ?? null,
    placedQty: event.qty,
    placedPrice: event.price ?? null,
    placedStopPrice: event.stopPrice ?? null,
    expireAt: event.expireAt ?? null,
    postOnly: event.postOnly ? 1 : 0,
    stp: event.stp,
    groupId: event.groupId ?? null,
    parentId: event.parentId ?? null,
    status: event.state,
    filledQty: 0,
    leavesQty: event.qty,
    filledNotional: 0,
    reason: null,
    createdAt: event.ts,
    updatedAt: event.ts,
  };
}

function ledgerRow(event: LedgerEntry): Row {
  return [event.seq, event.accountId, event.asset, event.reason, event.refId, event.deltaAvailable, event.deltaHeld, event.available, event.held, event.memo ?? null, event.ts];
}
