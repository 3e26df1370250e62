// WebSocket channel names: parsing what clients ask for into bus topics, and rendering bus messages for them.
import { isCandleInterval } from '../../marketdata/index.ts';
import type { FeedMessage } from '../../platform/feed-messages.ts';
import { topics } from '../../platform/topics.ts';
import { accountEventView, candleView, depthDeltaView, tickerView, tradeView, type Formatter } from '../views.ts';

/** Public channels: trades:SYM, book:SYM, candles:SYM:INTERVAL, ticker:SYM. Private: orders, fills, balances. */
export type Channel =
  | { readonly kind: 'public'; readonly name: string; readonly topic: string; readonly symbol: string; readonly book: boolean }
  | { readonly kind: 'private'; readonly name: (typeof PRIVATE_CHANNELS)[number] };

export const PRIVATE_CHANNELS = ['orders', 'fills', 'balances'] as const;

export function parseChannel(name: unknown, isListed: (symbol: string) => boolean): Channel | string {
  if (typeof name !== 'string' || name.length > 60) return 'a channel is a string such as "trades:AAPL"';
  if ((PRIVATE_CHANNELS as readonly string[]).includes(name)) return { kind: 'private', name: name as (typeof PRIVATE_CHANNELS)[number] };
  const [kind = '', symbol, interval, extra] = name.split(':');
  if (!symbol || extra !== undefined) return `unknown channel ${name}: use trades:SYM, book:SYM, candles:SYM:1m, ticker:SYM, orders, fills or balances`;
  if (!isListed(symbol)) return `${symbol} is not listed`;
  switch (kind) {
    case 'trades':
      return interval === undefined ? { kind: 'public', name, topic: topics.trades(symbol), symbol, book: false } : `unknown channel ${name}`;
    case 'book':
      return interval === undefined ? { kind: 'public', name, topic: topics.book(symbol), symbol, book: true } : `unknown channel ${name}`;
    case 'ticker':
      return interval === undefined ? { kind: 'public', name, topic: topics.ticker(symbol), symbol, book: false } : `unknown channel ${name}`;
    case 'candles':
      return isCandleInterval(interval) ? { kind: 'public', name, topic: topics.candles(symbol, interval), symbol, book: false } : 'candles need an interval: 1s, 1m, 5m, 15m, 1h or 1d';
    default:
      break;
  }
  return `unknown channel ${name}: use trades:SYM, book:SYM, candles:SYM:1m, ticker:SYM, orders, fills or balances`;
}

/**
 * Public messages of one channel from one commit as the frames every subscriber receives (each
 * serialized once). Trades of a commit travel together, `{type: "trades", data: [...]}`, oldest
 * first: a busy market makes many per commit, and one frame per trade per reader would spend the
 * server's time on framing instead of data.
 */
export function renderPublic(f: Formatter, channel: string, messages: readonly FeedMessage[]): string[] {
  const trades = messages.flatMap((m) => (m.kind === 'trade' ? [tradeView(f, m.trade)] : []));
  const frames = trades.length > 0 ? [JSON.stringify({ channel, type: 'trades', data: trades })] : [];
  for (const message of messages) {
    const text = renderOne(f, channel, message);
    if (text !== undefined) frames.push(text);
  }
  return frames;
}

function renderOne(f: Formatter, channel: string, message: FeedMessage): string | undefined {
  switch (message.kind) {
    case 'trade':
      return undefined;
    case 'depth':
      return JSON.stringify({ channel, type: 'delta', data: depthDeltaView(f, message.delta) });
    case 'candle':
      return JSON.stringify({ channel, type: 'candle', closed: message.closed, data: candleView(f, message.candle) });
    case 'ticker':
      return JSON.stringify({ channel, type: 'ticker', data: tickerView(f, message.ticker) });
    case 'account':
    case 'durable':
    case 'committed':
      return undefined;
  }
}

/** Which private channel an account event belongs to. */
export function privateChannelOf(view: Record<string, unknown>): (typeof PRIVATE_CHANNELS)[number] | undefined {
  switch (view.type) {
    case 'order':
    case 'rejected':
      return 'orders';
    case 'fill':
      return 'fills';
    case 'balance':
      return 'balances';
    default:
      return undefined;
  }
}

export { accountEventView };
