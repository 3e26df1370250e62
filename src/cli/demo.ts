// A short, seeded trading session on the durable engine: what `npm start` shows until the server exists.
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import { decimalPlaces, fromUnits } from '../core/decimal.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import { SeededRandom } from '../core/rng.ts';
import type { DurableEngine } from '../journal/durable-engine.ts';

const STOCK = { tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, bandBps: 1000 } as const;
const CRYPTO = { tickSize: '0.01', lotSize: '0.0001', minQty: '0.0001', maxQty: '1000', makerFeeBps: 2, takerFeeBps: 5, bandBps: 1000 } as const;

export const DEMO_INSTRUMENTS: readonly InstrumentSpec[] = [
  { symbol: 'AAPL', base: 'AAPL', quote: 'USD', referencePrice: '190', ...STOCK },
  { symbol: 'MSFT', base: 'MSFT', quote: 'USD', referencePrice: '420', ...STOCK },
  { symbol: 'BTC-USD', base: 'BTC', quote: 'USD', referencePrice: '65000', ...CRYPTO },
  { symbol: 'ETH-USD', base: 'ETH', quote: 'USD', referencePrice: '3500', ...CRYPTO },
];
const ASSETS = [
  { code: 'USD', scale: 6 },
  { code: 'AAPL', scale: 0 },
  { code: 'MSFT', scale: 0 },
  { code: 'BTC', scale: 8 },
  { code: 'ETH', scale: 8 },
];
const TRADERS = 20;

/** Lists the demo market once; a recovered journal already has it. */
export async function ensureDemoMarket(engine: DurableEngine, now: () => number): Promise<void> {
  if (engine.engine.instrument('AAPL')) return;
  const ts = now();
  const commands: Command[] = [
    ...ASSETS.map((asset): Command => ({ type: 'addAsset', ts, asset })),
    ...DEMO_INSTRUMENTS.map((instrument): Command => ({ type: 'addInstrument', ts, instrument })),
  ];
  for (let accountId = 1; accountId <= TRADERS; accountId++) {
    commands.push({ type: 'openAccount', ts, accountId });
    commands.push({ type: 'deposit', ts, accountId, asset: 'USD', amount: 10_000 * 1_000_000, memo: 'starting cash' });
    commands.push({ type: 'deposit', ts, accountId, asset: 'AAPL', amount: 50 });
    commands.push({ type: 'deposit', ts, accountId, asset: 'MSFT', amount: 20 });
    commands.push({ type: 'deposit', ts, accountId, asset: 'BTC', amount: 10_000_000 });
    commands.push({ type: 'deposit', ts, accountId, asset: 'ETH', amount: 100_000_000 });
  }
  await Promise.all(commands.map((command) => engine.submit(command)));
}

export interface SessionSummary {
  /** Orders sent before the session ended (all of them unless it was stopped). */
  sent: number;
  trades: number;
  /** Rejected orders by reason code (traders run out of cash or shares as they trade). */
  rejected: Map<string, number>;
}

/** Random traders quote and take around each symbol's last price. */
export async function tradeRandomly(engine: DurableEngine, orders: number, seed: number, now: () => number, stop?: AbortSignal): Promise<SessionSummary> {
  const rng = new SeededRandom(seed);
  const summary: SessionSummary = { sent: 0, trades: 0, rejected: new Map() };
  let pending: Array<Promise<EngineEvent[]>> = [];
  const settle = async (): Promise<void> => {
    for (const events of await Promise.all(pending)) {
      for (const event of events) {
        if (event.type === 'Fill' && event.liquidity === 'taker') summary.trades++;
        if (event.type === 'OrderRejected') summary.rejected.set(event.reason, (summary.rejected.get(event.reason) ?? 0) + 1);
      }
    }
    pending = [];
  };
  for (let i = 0; i < orders && !stop?.aborted; i++) {
    const instrument = rng.pick(DEMO_INSTRUMENTS);
    const last = engine.engine.lastPrice(instrument.symbol)!;
    const side = rng.next() < 0.5 ? 'buy' : 'sell';
    const accountId = rng.int(1, TRADERS);
    // Traders now and then pull their quotes, so funds held by stale orders come back to work.
    if (rng.next() < 0.02) pending.push(engine.submit({ type: 'cancelAll', ts: now(), accountId }));
    const qty = instrument.lotSize === '1' ? rng.int(1, 5) : rng.int(1, 50);
    const offset = Math.max(1, Math.round(last * 0.002 * (rng.next() - 0.3)));
    const price = side === 'buy' ? last - offset : last + offset;
    const type = rng.next() < 0.1 ? 'market' : 'limit';
    const order = type === 'market' ? { accountId, symbol: instrument.symbol, side, type, qty } as const : { accountId, symbol: instrument.symbol, side, type, qty, price } as const;
    pending.push(engine.submit({ type: 'placeOrder', ts: now(), order }));
    summary.sent++;
    // Like many clients at once, but with a bounded number of acknowledgements outstanding.
    if (pending.length === 10_000) {
      await settle();
      // Let signals and I/O in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await settle();
  return summary;
}

/** A plain-text view of one book: the best five levels each side. */
export function describeBook(engine: DurableEngine, spec: InstrumentSpec): string {
  const book = engine.engine.book(spec.symbol)!;
  const price = (ticks: number) => fixed(fromUnits(ticks, spec.tickSize), decimalPlaces(spec.tickSize)).padStart(10);
  const qty = (lots: number) => fixed(fromUnits(lots, spec.lotSize), decimalPlaces(spec.lotSize)).padStart(8);
  const asks = book.depth('sell', 5).reverse();
  const bids = book.depth('buy', 5);
  const lines = [`${spec.symbol}  last ${fixed(fromUnits(engine.engine.lastPrice(spec.symbol)!, spec.tickSize), decimalPlaces(spec.tickSize))}`];
  for (const [p, q, n] of asks) lines.push(`   ask ${price(p)} x ${qty(q)}  (${n} ${n === 1 ? "order" : "orders"})`);
  for (const [p, q, n] of bids) lines.push(`   bid ${price(p)} x ${qty(q)}  (${n} ${n === 1 ? "order" : "orders"})`);
  return lines.join('\n');
}

/** Pads a canonical decimal to `places` decimals so columns line up: ("190", 2) -> "190.00". */
function fixed(text: string, places: number): string {
  if (places === 0) return text;
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(places, '0')}`;
}
