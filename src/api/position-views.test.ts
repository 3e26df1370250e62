// Tests for the holdings and positions views over a real engine where three symbols trade one base asset: the asset is counted once.
import { describe, expect, it } from 'vitest';
import type { InstrumentSpec } from '../core/instrument.ts';
import { Engine } from '../engine/engine.ts';
import { listingCommands, type MarketsConfig } from '../platform/markets-config.ts';
import { PositionBook } from '../platform/portfolio/position-book.ts';
import { holdingsView, positionsView } from './position-views.ts';
import { Formatter } from './views.ts';

const TRADER = 1;
const MARKET = 2;
/** Satoshis in one BTC (scale 8). */
const BTC = 100_000_000;

const btc = (symbol: string, quote: string, tickSize: string, lotSize: string, referencePrice: string): InstrumentSpec => ({ symbol, base: 'BTC', quote, tickSize, lotSize, minQty: lotSize, maxQty: '1000', makerFeeBps: 0, takerFeeBps: 0, referencePrice, bandBps: 1000 });

/** BTC listed three times, in this order; XBT-USD has a finer lot (0.001 BTC) and a coarser tick (10 USD). */
const MARKETS: MarketsConfig = {
  assets: [{ code: 'USD', scale: 2 }, { code: 'EUR', scale: 2 }, { code: 'BTC', scale: 8 }, { code: 'ETH', scale: 8 }],
  instruments: [btc('BTC-USD', 'USD', '1', '0.01', '100'), btc('BTC-EUR', 'EUR', '1', '0.01', '90'), btc('XBT-USD', 'USD', '10', '0.001', '100'), { ...btc('ETH-USD', 'USD', '1', '0.01', '10'), base: 'ETH' }],
};

/** An engine with the markets listed, the trader funded with cash and `deposits`, and a market account holding plenty of everything. */
function market(deposits: Record<string, number>) {
  const engine = new Engine();
  let ts = 0;
  const run = (command: Parameters<Engine['apply']>[0]) => engine.apply(command);
  for (const command of listingCommands(MARKETS, engine, ts).commands) run(command);
  for (const accountId of [TRADER, MARKET]) run({ type: 'openAccount', accountId, ts });
  for (const asset of ['USD', 'EUR', 'BTC', 'ETH']) run({ type: 'deposit', accountId: MARKET, asset, amount: 1_000 * BTC, ts });
  for (const [asset, amount] of Object.entries({ USD: 10_000_00, EUR: 10_000_00, ...deposits })) run({ type: 'deposit', accountId: TRADER, asset, amount, ts });
  const book = new PositionBook((symbol) => engine.instrument(symbol)?.notionalPerTickLot);
  /** The trader takes `lots` at `price` ticks from the market's resting order; its fill goes into the book. */
  const trade = (symbol: string, side: 'buy' | 'sell', lots: number, price: number) => {
    ts += 1;
    run({ type: 'placeOrder', ts, order: { accountId: MARKET, symbol, side: side === 'buy' ? 'sell' : 'buy', type: 'limit', qty: lots, price } });
    for (const event of run({ type: 'placeOrder', ts, order: { accountId: TRADER, symbol, side, type: 'limit', qty: lots, price } })) {
      if (event.type === 'Fill' && event.accountId === TRADER) book.apply(event);
    }
  };
  const withdraw = (asset: string, amount: number) => run({ type: 'withdraw', accountId: TRADER, asset, amount, ts });
  const f = new Formatter(engine);
  return { trade, withdraw, positions: () => positionsView(engine, f, TRADER, book), holdings: () => holdingsView(engine, f, TRADER) };
}

/** The BTC the rows hold together, in satoshis. */
const satoshis = (rows: ReadonlyArray<{ base: string; qty: string }>) => rows.filter((r) => r.base === 'BTC').reduce((sum, r) => sum + Math.round(Number(r.qty) * BTC), 0);

describe('positionsView on a shared base asset', () => {
  it('gives each symbol the lots its own fills bought and the first listed symbol the deposited rest; the quantities add up to the holding', () => {
    const m = market({ BTC: 1 * BTC });
    m.trade('BTC-USD', 'buy', 50, 100); // 0.5 BTC at 100 USD
    m.trade('BTC-EUR', 'buy', 10, 90); // 0.1 BTC at 90 EUR
    m.trade('XBT-USD', 'buy', 200, 11); // 0.2 BTC at 110 USD
    const rows = m.positions();
    expect(rows.map((r) => [r.symbol, r.qty, r.costedQty, r.costBasis, r.marketValue, r.unrealized])).toEqual([
      ['BTC-EUR', '0.1', '0.1', '9', '9', '0'],
      ['BTC-USD', '1.5', '0.5', '50', '150', '0'],
      ['XBT-USD', '0.2', '0.2', '22', '22', '0'],
    ]);
    expect(satoshis(rows)).toBe(180_000_000);
  });

  it('a sell through another symbol leaves the first listed symbol’s rest; a withdrawal past the rest comes out of the first listed symbol’s lots first', () => {
    const m = market({ BTC: 1 * BTC });
    m.trade('BTC-USD', 'buy', 50, 100);
    m.trade('XBT-USD', 'buy', 200, 11);
    // Sold through BTC-EUR, which bought none: it realizes nothing, and the 0.3 leave the deposited rest.
    m.trade('BTC-EUR', 'sell', 30, 95);
    expect(m.positions().map((r) => [r.symbol, r.qty, r.costedQty, r.realized])).toEqual([
      ['BTC-EUR', '0', '0', '0'],
      ['BTC-USD', '1.2', '0.5', '0'],
      ['XBT-USD', '0.2', '0.2', '0'],
    ]);
    m.withdraw('BTC', 110_000_000);
    const rows = m.positions();
    // 0.3 BTC left: BTC-USD's 0.5 own lots give up the 0.4 the holding lacks, with their share of the cost.
    expect(rows.map((r) => [r.symbol, r.qty, r.costedQty, r.costBasis])).toEqual([
      ['BTC-EUR', '0', '0', '0'],
      ['BTC-USD', '0.1', '0.1', '10'],
      ['XBT-USD', '0.2', '0.2', '22'],
    ]);
    expect(satoshis(rows)).toBe(30_000_000);
  });

  it('shows a deposited asset once, in its first listed symbol, and a base traded through one symbol as before', () => {
    const m = market({ BTC: BTC / 4, ETH: 2 * BTC });
    m.trade('ETH-USD', 'buy', 100, 10);
    expect(m.positions().map((r) => [r.symbol, r.qty, r.costedQty])).toEqual([
      ['BTC-USD', '0.25', '0'],
      ['ETH-USD', '3', '1'],
    ]);
  });
});

describe('holdingsView', () => {
  it('answers one row per base asset, valued through its first listed symbol', () => {
    const m = market({ BTC: 1 * BTC, ETH: 2 * BTC, USD: 500_00 });
    m.trade('BTC-USD', 'buy', 10, 105);
    m.trade('XBT-USD', 'buy', 500, 11); // 0.5 BTC at 110: XBT-USD's last price does not value the holding
    expect(m.holdings()).toEqual([
      { symbol: 'BTC-USD', asset: 'BTC', qty: '1.6', available: '1.6', held: '0', lastPrice: '105', marketValue: '168', quote: 'USD' },
      { symbol: 'ETH-USD', asset: 'ETH', qty: '2', available: '2', held: '0', lastPrice: '10', marketValue: '20', quote: 'USD' },
    ]);
  });
});
