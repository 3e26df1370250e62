// fast-check generators of random but meaningful command streams, for the engine's property tests.
import fc from 'fast-check';
import type { Command } from '../core/commands.ts';
import { takesPrice, takesStopPrice, type OrderRequest } from '../core/orders.ts';

/** Accounts 1..4 trade two symbols; see `setupCommands`. */
export const ACCOUNTS = [1, 2, 3, 4] as const;
export const SYMBOLS = ['XYZ', 'ABC'] as const;
/** Reference prices in ticks; bands are 10% either side. */
export const MIDS: Record<(typeof SYMBOLS)[number], number> = { XYZ: 10_000, ABC: 5_000 };

/** Assets, instruments, accounts and deposits every random stream starts from. */
export function setupCommands(): Command[] {
  const ts = 1_000;
  const commands: Command[] = [
    { type: 'addAsset', ts, asset: { code: 'USD', scale: 2 } },
    { type: 'addAsset', ts, asset: { code: 'XYZ', scale: 0 } },
    { type: 'addAsset', ts, asset: { code: 'ABC', scale: 2 } },
    { type: 'addInstrument', ts, instrument: { symbol: 'XYZ', base: 'XYZ', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 1000 } },
    { type: 'addInstrument', ts, instrument: { symbol: 'ABC', base: 'ABC', quote: 'USD', tickSize: '1', lotSize: '0.01', minQty: '0.01', maxQty: '1000', makerFeeBps: 7, takerFeeBps: 25, referencePrice: '5000', bandBps: 1000 } },
  ];
  for (const accountId of ACCOUNTS) {
    commands.push({ type: 'openAccount', ts, accountId });
    commands.push({ type: 'deposit', ts, accountId, asset: 'USD', amount: 5_000_000 * accountId });
    commands.push({ type: 'deposit', ts, accountId, asset: 'XYZ', amount: 500 });
    commands.push({ type: 'deposit', ts, accountId, asset: 'ABC', amount: 50_000 });
  }
  // Resting liquidity on both sides, so random orders meet something to trade with.
  for (const [index, symbol] of SYMBOLS.entries()) {
    for (let step = 1; step <= 4; step++) {
      const order = { symbol, type: 'limit', qty: 15 } as const;
      commands.push({ type: 'placeOrder', ts, order: { ...order, accountId: 1 + 2 * index, side: 'buy', price: MIDS[symbol] - step } });
      commands.push({ type: 'placeOrder', ts, order: { ...order, accountId: 2 + 2 * index, side: 'sell', price: MIDS[symbol] + step } });
    }
  }
  return commands;
}

const account = fc.constantFrom(...ACCOUNTS);
const symbol = fc.constantFrom(...SYMBOLS);
const side = fc.constantFrom('buy' as const, 'sell' as const);
const clientOrderId = fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: undefined, freq: 3 });
const qty = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 61, max: 2_000 }) });
/** Offsets from the mid in ticks: mostly close, so orders cross often; sometimes out of band. */
const offset = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: -20, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: -1_500, max: 1_500 }) });
const orderId = fc.integer({ min: 1, max: 60 });
/** OWNER stands for "the account that owns the order", filled in by `resolveOwner` when the stream runs. */
export const OWNER = -1;
const orderAccount = fc.oneof({ weight: 3, arbitrary: fc.constant(OWNER) }, { weight: 1, arbitrary: account });

function orderRequest(): fc.Arbitrary<OrderRequest> {
  return fc
    .record({
      accountId: account,
      symbol,
      side,
      clientOrderId,
      type: fc.constantFrom('limit', 'limit', 'limit', 'market', 'stop', 'stop_limit', 'trailing_stop'),
      qty,
      priceOffset: offset,
      stopOffset: offset,
      trail: fc.integer({ min: 1, max: 30 }),
      trailByBps: fc.boolean(),
      tif: fc.constantFrom(undefined, 'gtc', 'day', 'gtd', 'ioc', 'fok'),
      expireIn: fc.integer({ min: 1, max: 50 }),
      postOnly: fc.boolean(),
      stp: fc.constantFrom(undefined, 'cancel_newest', 'cancel_oldest', 'cancel_both'),
    })
    .map((r): OrderRequest => {
      const mid = MIDS[r.symbol];
      const type = r.type;
      const hasPrice = takesPrice(type);
      const hasStop = takesStopPrice(type);
      const tif = type === 'market' && r.tif === 'gtd' ? 'ioc' : r.tif;
      return {
        accountId: r.accountId,
        symbol: r.symbol,
        side: r.side,
        type,
        qty: r.qty,
        ...(r.clientOrderId === undefined ? {} : { clientOrderId: r.clientOrderId }),
        ...(hasPrice ? { price: mid + r.priceOffset } : {}),
        ...(hasStop ? { stopPrice: mid + r.stopOffset } : {}),
        ...(type === 'trailing_stop' ? (r.trailByBps ? { trailBps: r.trail * 10 } : { trailAmount: r.trail }) : {}),
        ...(tif === undefined ? {} : { tif }),
        ...(tif === 'gtd' ? { expireAt: 1_000_000 + r.expireIn } : {}),
        ...(r.postOnly && type === 'limit' && tif !== 'ioc' && tif !== 'fok' ? { postOnly: true } : {}),
        ...(r.stp === undefined ? {} : { stp: r.stp }),
      };
    });
}

type Untimed = Command extends infer C ? (C extends Command ? Omit<C, 'ts'> : never) : never;

function untimedCommand(): fc.Arbitrary<Untimed> {
  return fc.oneof(
    { weight: 30, arbitrary: orderRequest().map((order): Untimed => ({ type: 'placeOrder', order })) },
    { weight: 8, arbitrary: fc.record({ accountId: orderAccount, orderId }).map((c): Untimed => ({ type: 'cancelOrder', ...c })) },
    { weight: 1, arbitrary: fc.record({ accountId: account, symbol: fc.option(symbol, { nil: undefined }) }).map((c): Untimed => ({ type: 'cancelAll', accountId: c.accountId, ...(c.symbol ? { symbol: c.symbol } : {}) })) },
    {
      weight: 6,
      arbitrary: fc
        .record({ accountId: orderAccount, orderId, qty: fc.option(qty, { nil: undefined }), priceOffset: fc.option(offset, { nil: undefined }), stopOffset: fc.option(offset, { nil: undefined }), symbol })
        .map((c): Untimed => ({
          type: 'replaceOrder',
          accountId: c.accountId,
          orderId: c.orderId,
          ...(c.qty === undefined ? {} : { qty: c.qty }),
          ...(c.priceOffset === undefined ? {} : { price: MIDS[c.symbol] + c.priceOffset }),
          ...(c.stopOffset === undefined ? {} : { stopPrice: MIDS[c.symbol] + c.stopOffset }),
        })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(orderRequest(), orderRequest()).map(([a, b]): Untimed => ({ type: 'placeOco', legs: [a, { ...b, accountId: a.accountId, symbol: a.symbol, side: a.side, qty: a.qty }] })),
    },
    {
      weight: 2,
      arbitrary: fc.record({ entry: orderRequest(), tp: fc.integer({ min: 1, max: 40 }), sl: fc.integer({ min: 1, max: 40 }), limit: fc.boolean() }).map(({ entry, tp, sl, limit }): Untimed => {
        const mid = MIDS[entry.symbol as (typeof SYMBOLS)[number]];
        const sign = entry.side === 'buy' ? 1 : -1;
        return { type: 'placeBracket', entry, takeProfitPrice: mid + sign * tp, stopLossPrice: mid - sign * sl, ...(limit ? { stopLossLimitPrice: mid - sign * (sl + 5) } : {}) };
      }),
    },
    { weight: 1, arbitrary: fc.record({ accountId: account, amount: fc.integer({ min: 1, max: 2_000_000 }) }).map((c): Untimed => ({ type: 'deposit', accountId: c.accountId, asset: 'USD', amount: c.amount })) },
    { weight: 1, arbitrary: fc.record({ accountId: account, amount: fc.integer({ min: 1, max: 2_000_000 }), asset: fc.constantFrom('USD', 'XYZ', 'ABC') }).map((c): Untimed => ({ type: 'withdraw', ...c })) },
    { weight: 1, arbitrary: fc.option(symbol, { nil: undefined }).map((s): Untimed => ({ type: 'endSession', ...(s ? { symbol: s } : {}) })) },
    { weight: 1, arbitrary: fc.constant<Untimed>({ type: 'advanceTime' }) },
    // Halts and resumes, so orders, replaces, cancels and expiries also meet halted markets; now and then a bad symbol, status or reason.
    {
      weight: 2,
      arbitrary: fc
        .record({ symbol: fc.oneof({ weight: 9, arbitrary: symbol }, { weight: 1, arbitrary: fc.constant('NOPE') }), status: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('halted' as const, 'trading' as const) }, { weight: 1, arbitrary: fc.constant('closed') }), reason: fc.option(fc.constantFrom('news pending', '', 'x'.repeat(201)), { nil: undefined }) })
        .map((c): Untimed => ({ type: 'setTradingStatus', symbol: c.symbol, status: c.status as 'halted', ...(c.reason === undefined ? {} : { reason: c.reason }) })),
    },
    // Near the mid (the band moves under resting orders and stops), now and then a bad symbol or price.
    {
      weight: 1,
      arbitrary: fc
        .record({ symbol: fc.oneof({ weight: 9, arbitrary: symbol }, { weight: 1, arbitrary: fc.constant('NOPE') }), offset, bad: fc.integer({ min: 0, max: 19 }) })
        .map((c): Untimed => ({ type: 'setReferencePrice', symbol: c.symbol, price: c.bad === 0 ? -c.offset : (MIDS[c.symbol as (typeof SYMBOLS)[number]] ?? 100) + c.offset })),
    },
  );
}

/** A stream of commands with non-decreasing times starting at 1,000,000 ms. */
export function commandStream(maxLength = 60): fc.Arbitrary<Command[]> {
  return fc.array(fc.tuple(untimedCommand(), fc.integer({ min: 0, max: 5 })), { minLength: 5, maxLength }).map((items) => {
    let ts = 1_000_000;
    return items.map(([command, step]) => {
      ts += step;
      return { ...command, ts };
    });
  });
}

/** Replaces OWNER in cancel and replace commands with the order's owner (or account 1), given the engine's state. */
export function resolveOwner(command: Command, ownerOf: (orderId: number) => number | undefined): Command {
  if ((command.type === 'cancelOrder' || command.type === 'replaceOrder') && command.accountId === OWNER) {
    return { ...command, accountId: (command.orderId === undefined ? undefined : ownerOf(command.orderId)) ?? 1 };
  }
  return command;
}
