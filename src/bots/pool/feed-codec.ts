// Feed events for a worker as one string per turn: a line per event, tab-separated fields, instead of cloning an object graph.
//
// Invariants:
// - decode(encode(subs, events)) gives back the same subscription ids and events, field for field
//   (a bar's optional `view` is left out: the runtime makes it from the bar);
// - every text field is written as is unless it holds a tab, a line break or `%`, and
//   percent-encoded then, so a `%` in a written field always means it is encoded and whatever a
//   port reports cannot break the lines of the other events;
// - an absent value (null) is an empty field, and a present value of a field that may be null
//   starts with `=`, so null and the empty text never meet.
// Structured cloning an order update writes every key and makes a dictionary object per event on
// the other side; a line is a few string joins here and one split there.
import type { MarketEvent, PortOrderState } from '../../strategy/index.ts';

const TAB = '\t';
const LINE = '\n';
const UNSAFE = /[\t\n\r%]/;

function text(value: string): string {
  return UNSAFE.test(value) ? encodeURIComponent(value) : value;
}

function untext(field: string): string {
  return field.includes('%') ? decodeURIComponent(field) : field;
}

/** A field that may be null: null is the empty field, a value starts with `=`. */
function opt(value: string | null): string {
  return value === null ? '' : `=${text(value)}`;
}

function unopt(field: string): string | null {
  return field === '' ? null : untext(field.slice(1));
}

function line(event: MarketEvent): string {
  switch (event.kind) {
    case 'trade': {
      const t = event.trade;
      return ['t', text(t.symbol), text(t.price), text(t.qty), text(t.takerSide), t.ts].join(TAB);
    }
    case 'quote': {
      const q = event.quote;
      return ['q', text(q.symbol), opt(q.bidPrice), text(q.bidQty), opt(q.askPrice), text(q.askQty), q.ts].join(TAB);
    }
    case 'bar': {
      const b = event.bar;
      return ['b', text(b.symbol), text(b.interval), b.openTime, text(b.open), text(b.high), text(b.low), text(b.close), text(b.volume)].join(TAB);
    }
    case 'order': {
      const o = event.order;
      return ['o', o.id, opt(o.clientOrderId), text(o.symbol), text(o.side), text(o.type), text(o.status), text(o.qty), text(o.filledQty), text(o.leavesQty), opt(o.price), opt(o.stopPrice), opt(o.avgFillPrice), opt(o.reason)].join(TAB);
    }
    case 'fill': {
      const f = event.fill;
      return ['f', f.orderId, f.tradeId, text(f.symbol), text(f.side), text(f.price), text(f.qty), text(f.fee), text(f.liquidity), f.ts].join(TAB);
    }
  }
}

/** One string for the turn: `events[i]` goes to subscription or channel `subs[i]`. */
export function encodeFeed(subs: readonly number[], events: readonly MarketEvent[]): string {
  const lines = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) lines[i] = `${subs[i]}${TAB}${line(events[i]!)}`;
  return lines.join(LINE);
}

function event(f: readonly string[]): MarketEvent {
  // f[0] is the subscription id, f[1] the kind.
  switch (f[1]) {
    case 't':
      return { kind: 'trade', trade: { symbol: untext(f[2]!), price: untext(f[3]!), qty: untext(f[4]!), takerSide: untext(f[5]!) as 'buy' | 'sell', ts: Number(f[6]) } };
    case 'q':
      return { kind: 'quote', quote: { symbol: untext(f[2]!), bidPrice: unopt(f[3]!), bidQty: untext(f[4]!), askPrice: unopt(f[5]!), askQty: untext(f[6]!), ts: Number(f[7]) } };
    case 'b':
      return { kind: 'bar', bar: { symbol: untext(f[2]!), interval: untext(f[3]!), openTime: Number(f[4]), open: untext(f[5]!), high: untext(f[6]!), low: untext(f[7]!), close: untext(f[8]!), volume: untext(f[9]!) } };
    case 'o': {
      const order: PortOrderState = {
        id: Number(f[2]),
        clientOrderId: unopt(f[3]!),
        symbol: untext(f[4]!),
        side: untext(f[5]!) as PortOrderState['side'],
        type: untext(f[6]!) as PortOrderState['type'],
        status: untext(f[7]!) as PortOrderState['status'],
        qty: untext(f[8]!),
        filledQty: untext(f[9]!),
        leavesQty: untext(f[10]!),
        price: unopt(f[11]!),
        stopPrice: unopt(f[12]!),
        avgFillPrice: unopt(f[13]!),
        reason: unopt(f[14]!),
      };
      return { kind: 'order', order };
    }
    case 'f':
      return { kind: 'fill', fill: { orderId: Number(f[2]), tradeId: Number(f[3]), symbol: untext(f[4]!), side: untext(f[5]!) as 'buy' | 'sell', price: untext(f[6]!), qty: untext(f[7]!), fee: untext(f[8]!), liquidity: untext(f[9]!) as 'maker' | 'taker', ts: Number(f[10]) } };
    case undefined:
    default:
      throw new Error(`feed line of unknown kind ${JSON.stringify(f[1])}`);
  }
}

/** Reads what `encodeFeed` wrote, calling `deliver(sub, event)` line by line, in order. */
export function decodeFeed(text: string, deliver: (sub: number, event: MarketEvent) => void): void {
  if (text === '') return;
  for (const each of text.split(LINE)) {
    const fields = each.split(TAB);
    deliver(Number(fields[0]), event(fields));
  }
}
