// WebSocket channel names: parsing what clients ask for into bus topics, and rendering bus messages for them.
import { isCandleInterval } from '../../marketdata/index.ts';
import type { FeedMessage } from '../../platform/feed-messages.ts';
import { topics } from '../../platform/topics.ts';
import { notListedMessage } from '../field-refusal.ts';
import { candleView, depthDeltaView, tickerView, tradeView, tradingStatusView, type Formatter } from '../views.ts';
import { PRIVATE_CHANNELS, type PrivateChannel } from './private-messages.ts';

/** Public channels: trades:SYM, book:SYM, candles:SYM:INTERVAL, ticker:SYM, status:SYM. Private: orders, fills, balances. */
export type Channel =
  | { readonly kind: 'public'; readonly name: string; readonly topic: string; readonly symbol: string; readonly book: boolean }
  | { readonly kind: 'private'; readonly name: PrivateChannel };

export { PRIVATE_CHANNELS };

/** Why a name is not a channel, in the error's terms: a code, and a message saying what to send instead or which symbol is not listed. */
export interface ChannelProblem {
  readonly code: 'INVALID_CHANNEL' | 'UNKNOWN_SYMBOL';
  readonly message: string;
}

/** The public channels named by a symbol alone, and their topics; candles also take an interval. */
const SYMBOL_TOPICS: Readonly<Record<string, (symbol: string) => string>> = { trades: topics.trades, book: topics.book, ticker: topics.ticker, status: topics.status };
const FORMS = 'use trades:SYM, book:SYM, candles:SYM:1m, ticker:SYM, status:SYM, orders, fills or balances';

const invalid = (message: string): ChannelProblem => ({ code: 'INVALID_CHANNEL', message });

/** The channel a client names, or why it is none; the name's form is checked before its symbol. */
export function parseChannel(name: string, isListed: (symbol: string) => boolean): Channel | ChannelProblem {
  if (name.length > 60) return invalid('A channel name is at most 60 characters.');
  if ((PRIVATE_CHANNELS as readonly string[]).includes(name)) return { kind: 'private', name: name as PrivateChannel };
  const [kind = '', symbol, interval, extra] = name.split(':');
  if ((PRIVATE_CHANNELS as readonly string[]).includes(kind)) return invalid(`${kind} is a private channel of your own account and takes no symbol: subscribe to "${kind}".`);
  const symbolTopic = Object.hasOwn(SYMBOL_TOPICS, kind) ? SYMBOL_TOPICS[kind] : undefined;
  if ((symbolTopic === undefined && kind !== 'candles') || extra !== undefined) return invalid(`Unknown channel ${name}: ${FORMS}.`);
  if (!symbol) return invalid(`${kind} needs a symbol, as in ${kind === 'candles' ? 'candles:AAPL:1m' : `${kind}:AAPL`}.`);
  let topic: string;
  if (symbolTopic) {
    if (interval !== undefined) return invalid(`Unknown channel ${name}: ${kind}:SYM takes no interval.`);
    topic = symbolTopic(symbol);
  } else {
    if (!isCandleInterval(interval)) return invalid('candles need an interval: 1s, 1m, 5m, 15m, 1h or 1d, as in candles:AAPL:1m.');
    topic = topics.candles(symbol, interval);
  }
  // In the words of every UNKNOWN_SYMBOL refusal, REST's included.
  if (!isListed(symbol)) return { code: 'UNKNOWN_SYMBOL', message: notListedMessage(symbol) };
  return { kind: 'public', name, topic, symbol, book: kind === 'book' };
}

/**
 * Public messages of one channel from one commit as the frames every subscriber receives (each
 * serialized once). Trades of a commit travel together, `{type: "trades", data: [...]}`, oldest
 * first: a busy market makes many per commit, and one frame per trade per reader would spend the
 * server's time on framing instead of data.
 */
export function renderPublic(f: Formatter, channel: string, messages: readonly FeedMessage[]): string[] {
  const trades: Array<ReturnType<typeof tradeView>> = [];
  for (const message of messages) if (message.kind === 'trade') trades.push(tradeView(f, message.trade));
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
    case 'status': {
      const { symbol, status, reason, ts } = message.change;
      return JSON.stringify({ channel, type: 'status', data: tradingStatusView(symbol, status, reason, ts) });
    }
    case 'account':
    case 'durable':
    case 'committed':
      return undefined;
  }
}
