// Port reports (exact decimal strings) to the number views handlers receive.
import type { PortBar, PortFill, PortOrderState, PortQuote, PortTrade } from './ports.ts';
import type { Bar, FillView, OrderView, QuoteEvent, TradeEvent } from './types.ts';

function num(text: string): number {
  return Number(text);
}

function optionalNum(text: string | null): number | undefined {
  return text === null ? undefined : Number(text);
}

export function tradeView(trade: PortTrade): TradeEvent {
  return { symbol: trade.symbol, price: num(trade.price), qty: num(trade.qty), takerSide: trade.takerSide, ts: trade.ts };
}

export function quoteView(quote: PortQuote): QuoteEvent {
  return { symbol: quote.symbol, bid: optionalNum(quote.bidPrice), bidQty: num(quote.bidQty), ask: optionalNum(quote.askPrice), askQty: num(quote.askQty), ts: quote.ts };
}

export function barView(bar: PortBar): Bar {
  return {
    symbol: bar.symbol,
    interval: bar.interval,
    openTime: bar.openTime,
    open: num(bar.open),
    high: num(bar.high),
    low: num(bar.low),
    close: num(bar.close),
    volume: num(bar.volume),
  };
}

export function orderView(order: PortOrderState): OrderView {
  return {
    id: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    status: order.status,
    qty: num(order.qty),
    filledQty: num(order.filledQty),
    leavesQty: num(order.leavesQty),
    price: optionalNum(order.price),
    stopPrice: optionalNum(order.stopPrice),
    avgFillPrice: optionalNum(order.avgFillPrice),
    reason: order.reason,
    raw: order,
  };
}

export function fillView(fill: PortFill): FillView {
  return {
    orderId: fill.orderId,
    tradeId: fill.tradeId,
    symbol: fill.symbol,
    side: fill.side,
    price: num(fill.price),
    qty: num(fill.qty),
    fee: num(fill.fee),
    liquidity: fill.liquidity,
    ts: fill.ts,
    raw: fill,
  };
}
