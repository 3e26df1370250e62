// The private channels' messages (orders, fills, balances): an account's engine events in the terms REST uses.
import type { EngineEvent, Fill } from '../../core/events.ts';
import type { Formatter } from '../views.ts';

/** The private channels, each carrying only its own account's events. */
export const PRIVATE_CHANNELS = ['orders', 'fills', 'balances'] as const;
export type PrivateChannel = (typeof PRIVATE_CHANNELS)[number];

/** One message of a private channel: `type` says what `data` is (order, rejected, fill, balance). */
export interface PrivateMessage {
  readonly channel: PrivateChannel;
  readonly type: 'order' | 'rejected' | 'fill' | 'balance';
  readonly data: Record<string, unknown>;
}

/**
 * The message an account event makes on `channel`, in the terms REST uses for the same things
 * (an order's `type` is its order type, a fill has its `id` and `feeAsset`); undefined when the
 * event says nothing there. A fill that leaves nothing of its order is a fill on `fills` and the
 * order's `filled` status on `orders`: the engine has no separate event for the order's end.
 */
export function privateMessage(f: Formatter, event: EngineEvent, channel: PrivateChannel): PrivateMessage | undefined {
  switch (channel) {
    case 'orders':
      return orderMessage(f, event);
    case 'fills':
      return event.type === 'Fill' ? { channel, type: 'fill', data: fillEventView(f, event) } : undefined;
    case 'balances':
      return event.type === 'LedgerEntry'
        ? { channel, type: 'balance', data: { type: 'balance', asset: event.asset, available: f.amount(event.asset, event.available), held: f.amount(event.asset, event.held), reason: event.reason, refId: event.refId, ts: event.ts } }
        : undefined;
  }
}

/** A fill as GET /api/v1/fills shows it (`id` is the fill's event seq there too), plus the order's quantities after it. */
function fillEventView(f: Formatter, event: Fill) {
  const { symbol } = event;
  return {
    type: 'fill',
    id: event.seq,
    orderId: event.orderId,
    tradeId: event.tradeId,
    symbol,
    side: event.side,
    liquidity: event.liquidity,
    price: f.price(symbol, event.price),
    qty: f.qty(symbol, event.qty),
    fee: f.quote(symbol, event.fee),
    feeAsset: f.instrument(symbol).quote,
    leavesQty: f.qty(symbol, event.leavesQty),
    filledQty: f.qty(symbol, event.filledQty),
    ts: event.ts,
  };
}

function orderMessage(f: Formatter, event: EngineEvent): PrivateMessage | undefined {
  const data = orderEventView(f, event);
  if (data) return { channel: 'orders', type: 'order', data };
  if (event.type !== 'RequestRejected') return undefined;
  return { channel: 'orders', type: 'rejected', data: { type: 'rejected', command: event.command, orderId: event.orderId, reason: event.reason, message: event.message, ts: event.ts } };
}

/** What happened to an order, `status` first; an accepted order's fields are named as REST names them. */
function orderEventView(f: Formatter, event: EngineEvent): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'OrderAccepted': {
      const { symbol } = event;
      return { status: event.state, orderId: event.orderId, clientOrderId: event.clientOrderId, symbol, side: event.side, type: event.orderType, qty: f.qty(symbol, event.qty), price: f.optionalPrice(symbol, event.price), stopPrice: f.optionalPrice(symbol, event.stopPrice), waterMark: f.optionalPrice(symbol, event.waterMark), ts: event.ts };
    }
    case 'OrderRejected':
      return { status: 'rejected', clientOrderId: event.clientOrderId, symbol: event.symbol, reason: event.reason, message: event.message, ts: event.ts };
    case 'OrderTriggered':
      return { status: 'triggered', orderId: event.orderId, symbol: event.symbol, cause: event.cause, ts: event.ts };
    case 'Fill':
      return event.leavesQty === 0 ? { status: 'filled', orderId: event.orderId, symbol: event.symbol, side: event.side, filledQty: f.qty(event.symbol, event.filledQty), leavesQty: f.qty(event.symbol, 0), ts: event.ts } : undefined;
    case 'OrderCancelled':
      // `message` only on a cancel that said why in words (the kill switch's cause).
      return { status: 'cancelled', orderId: event.orderId, symbol: event.symbol, reason: event.reason, ...(event.message === undefined ? {} : { message: event.message }), cancelledQty: f.qty(event.symbol, event.cancelledQty), filledQty: f.qty(event.symbol, event.filledQty), ts: event.ts };
    case 'OrderExpired':
      return { status: 'expired', orderId: event.orderId, symbol: event.symbol, reason: event.reason, cancelledQty: f.qty(event.symbol, event.cancelledQty), filledQty: f.qty(event.symbol, event.filledQty), ts: event.ts };
    case 'OrderReplaced':
      return { status: 'replaced', orderId: event.orderId, symbol: event.symbol, qty: f.qty(event.symbol, event.qty), leavesQty: f.qty(event.symbol, event.leavesQty), price: f.optionalPrice(event.symbol, event.price), stopPrice: f.optionalPrice(event.symbol, event.stopPrice), priorityKept: event.priorityKept, ts: event.ts };
    case 'StopMoved':
      // A trailing stop still waiting: only its stop price (and the water mark it trails) changed.
      return { status: 'stop_moved', orderId: event.orderId, symbol: event.symbol, stopPrice: f.price(event.symbol, event.stopPrice), waterMark: f.price(event.symbol, event.waterMark), ts: event.ts };
    case 'RequestRejected':
    case 'LedgerEntry':
    case 'AssetAdded':
    case 'InstrumentAdded':
    case 'AccountOpened':
    case 'RiskLimitsSet':
    case 'SessionEnded':
    case 'TradingStatusChanged':
      return undefined;
  }
}
