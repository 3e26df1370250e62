// Property tests: every command round-trips through the binary codec exactly, optional fields included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANCEL_ALL_REASONS, TRADING_STATUSES, type Command } from '../core/commands.ts';
import { ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from '../core/orders.ts';
import { ByteReader, ByteWriter, CodecError } from './byte-io.ts';
import { Engine } from '../engine/engine.ts';
import { eventsOf, setupMarket } from '../engine/test-support.ts';
import { decodeCommand, encodeCommand } from './command-codec.ts';

const int = fc.maxSafeInteger();
const smallInt = fc.integer({ min: -1000, max: 1_000_000 });
/** Mostly safe integers (the contract), sometimes any double, so odd input still replays as sent. */
const num = fc.oneof({ weight: 6, arbitrary: int }, { weight: 3, arbitrary: smallInt }, { weight: 1, arbitrary: fc.double() });
const loneSurrogate = fc.constantFrom('\ud800', '\udfff', '\udbff');
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate), maxLength: 10 }) },
);
const ts = fc.oneof(fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), num);

const order = fc.record(
  {
    accountId: num,
    symbol: text,
    clientOrderId: text,
    side: fc.constantFrom(...SIDES),
    type: fc.constantFrom(...ORDER_TYPES),
    qty: num,
    price: num,
    stopPrice: num,
    trailAmount: num,
    trailBps: num,
    tif: fc.constantFrom(...TIME_IN_FORCE),
    expireAt: num,
    postOnly: fc.boolean(),
    stp: fc.constantFrom(...STP_MODES),
  },
  { noNullPrototype: true, requiredKeys: ['accountId', 'symbol', 'side', 'type', 'qty'] },
);
/** Orders the fast layout cannot hold (an unknown side, a string quantity) must still round-trip. */
const oddOrder = fc.record({ accountId: num, symbol: text, side: fc.constantFrom('BUY', 'hold'), type: fc.constantFrom(...ORDER_TYPES), qty: fc.oneof(num, text) }, { noNullPrototype: true });

const assetSpec = fc.record({ code: text, scale: smallInt }, { noNullPrototype: true });
const instrumentSpec = fc.record({
  symbol: text,
  base: text,
  quote: text,
  tickSize: text,
  lotSize: text,
  minQty: text,
  maxQty: text,
  makerFeeBps: smallInt,
  takerFeeBps: smallInt,
  referencePrice: text,
  bandBps: smallInt,
}, { noNullPrototype: true });

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('addAsset'), ts, asset: assetSpec }, { noNullPrototype: true }),
  fc.record({ type: fc.constant('addInstrument'), ts, instrument: instrumentSpec }, { noNullPrototype: true }),
  fc.record({ type: fc.constant('openAccount'), ts, accountId: num }, { noNullPrototype: true }),
  fc.record({ type: fc.constant('deposit'), ts, accountId: num, asset: text, amount: num, memo: text }, { noNullPrototype: true, requiredKeys: ['type', 'ts', 'accountId', 'asset', 'amount'] }),
  fc.record({ type: fc.constant('withdraw'), ts, accountId: num, asset: text, amount: num, memo: text }, { noNullPrototype: true, requiredKeys: ['type', 'ts', 'accountId', 'asset', 'amount'] }),
  fc.record(
    { type: fc.constant('setRiskLimits'), ts, accountId: num, symbol: text, maxOrderQty: num, maxOrderNotional: num, maxPosition: num },
    { noNullPrototype: true, requiredKeys: ['type', 'ts', 'accountId', 'symbol'] },
  ),
  fc.record({ type: fc.constant('placeOrder'), ts, order }, { noNullPrototype: true }),
  fc.record({ type: fc.constant('placeOrder'), ts, order: oddOrder }, { noNullPrototype: true }) as unknown as fc.Arbitrary<Command>,
  fc.record({ type: fc.constant('placeOco'), ts, legs: fc.tuple(order, order) }, { noNullPrototype: true }),
  fc.record(
    { type: fc.constant('placeBracket'), ts, entry: order, takeProfitPrice: num, stopLossPrice: num, stopLossLimitPrice: num },
    { noNullPrototype: true, requiredKeys: ['type', 'ts', 'entry', 'takeProfitPrice', 'stopLossPrice'] },
  ),
  fc.record({ type: fc.constant('cancelOrder'), ts, accountId: num, orderId: num, clientOrderId: text }, { noNullPrototype: true, requiredKeys: ['type', 'ts', 'accountId'] }),
  fc.record({ type: fc.constant('cancelAll'), ts, accountId: num, symbol: text }, { noNullPrototype: true, requiredKeys: ['type', 'ts', 'accountId'] }),
  fc.record({ type: fc.constant('cancelAll'), ts, accountId: num, symbol: text, reason: fc.constantFrom(...CANCEL_ALL_REASONS), note: text }, { noNullPrototype: true, requiredKeys: ['type', 'ts', 'accountId'] }),
  // A reason the fast layout has no index for goes the generic way, and still replays as sent.
  fc.record({ type: fc.constant('cancelAll'), ts, accountId: num, reason: fc.constantFrom('EXPIRED_DAY', 'nonsense') }, { noNullPrototype: true }) as unknown as fc.Arbitrary<Command>,
  fc.record(
    { type: fc.constant('replaceOrder'), ts, accountId: num, orderId: num, qty: num, price: num, stopPrice: num },
    { noNullPrototype: true, requiredKeys: ['type', 'ts', 'accountId', 'orderId'] },
  ),
  fc.record({ type: fc.constant('endSession'), ts, symbol: text }, { noNullPrototype: true, requiredKeys: ['type', 'ts'] }),
  fc.record({ type: fc.constant('advanceTime'), ts }, { noNullPrototype: true }),
  fc.record({ type: fc.constant('setTradingStatus'), ts, symbol: text, status: fc.constantFrom(...TRADING_STATUSES), reason: text }, { noNullPrototype: true, requiredKeys: ['type', 'ts', 'symbol', 'status'] }),
);

describe('command codec', () => {
  it('round-trips random commands exactly, absent optional fields staying absent', () => {
    fc.assert(
      fc.property(command, (c) => {
        const bytes = encodeCommand(c);
        expect(decodeCommand(bytes)).toStrictEqual(c);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads back anything it writes, even values that are not commands at all', () => {
    // The engine rejects malformed commands as values; they are journaled and must replay.
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const decoded = decodeCommand(encodeCommand(value as unknown as Command));
        expect(decoded).toEqual(value);
      }),
      { numRuns: 1_000 },
    );
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => encodeCommand(deep as Command)).toThrow(CodecError);
  });

  it('decodes a payload inside a larger buffer', () => {
    const c: Command = { type: 'cancelOrder', ts: 5, accountId: 7, clientOrderId: 'é-1' };
    const bytes = encodeCommand(c);
    const framed = new Uint8Array(bytes.length + 10);
    framed.set(bytes, 4);
    expect(decodeCommand(framed, 4, 4 + bytes.length)).toStrictEqual(c);
  });

  it('reads cancel-all records written before cancel-alls had a reason or a note, as the user cancels they were', () => {
    // Bytes as the codec wrote them before: code, ts, flags (1: symbol), account id, symbol.
    const old = (hex: string) => decodeCommand(Uint8Array.from(Buffer.from(hex, 'hex')));
    expect(old('0381a0abfef9620055')).toStrictEqual({ type: 'cancelAll', ts: 1_700_000_000_000, accountId: 42 });
    expect(old('0381a0abfef96201550841434d45')).toStrictEqual({ type: 'cancelAll', ts: 1_700_000_000_000, accountId: 42, symbol: 'ACME' });
    // Without a reason or a note the layout is still the old one, byte for byte.
    expect(Buffer.from(encodeCommand({ type: 'cancelAll', ts: 1_700_000_000_000, accountId: 42, symbol: 'ACME' })).toString('hex')).toBe('0381a0abfef96201550841434d45');
    const killed: Command = { type: 'cancelAll', ts: 1_700_000_000_000, accountId: 42, reason: 'RISK_KILL_SWITCH', note: 'It was turned on by an admin.' };
    expect(decodeCommand(encodeCommand(killed))).toStrictEqual(killed);
    // Replayed, such a record cancels as the user's cancel-all did: USER_CANCELLED, no message.
    const m = setupMarket(new Engine(), { accounts: [42], startTs: 1_600_000_000_000 });
    m.limit(42, 'buy', 1, 9900);
    const replayed = eventsOf(m.engine.apply(old('0381a0abfef96201550841434d45')), 'OrderCancelled');
    expect(replayed.map((e) => [e.reason, 'message' in e])).toEqual([['USER_CANCELLED', false]]);
    // Unknown flag bits and reason indexes are corruption, not commands.
    expect(() => old('0381a0abfef9620855')).toThrow(CodecError);
    expect(() => old('0381a0abfef962025509')).toThrow(CodecError);
  });

  it('keeps hot commands compact', () => {
    const place: Command = {
      type: 'placeOrder',
      ts: 1_700_000_000_000,
      order: { accountId: 42, symbol: 'BTC-USD', side: 'buy', type: 'limit', qty: 10, price: 2_500_000, tif: 'gtc' },
    };
    expect(encodeCommand(place).length).toBeLessThanOrEqual(30);
    expect(encodeCommand({ type: 'cancelOrder', ts: 1_700_000_000_000, accountId: 42, orderId: 123_456 }).length).toBeLessThanOrEqual(14);
  });

  it('rejects every truncation of a payload with a CodecError', () => {
    fc.assert(
      fc.property(command, (c) => {
        const bytes = encodeCommand(c);
        for (let cut = 0; cut < bytes.length; cut++) expect(() => decodeCommand(bytes, 0, cut)).toThrow(CodecError);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects trailing bytes and unknown codes', () => {
    const bytes = encodeCommand({ type: 'advanceTime', ts: 1 });
    expect(() => decodeCommand(Uint8Array.from([...bytes, 0]))).toThrow(/left after/);
    expect(() => decodeCommand(Uint8Array.from([200, 1]))).toThrow(/unknown command code/);
  });

  it('refuses values that are not plain data', () => {
    const bad = { type: 'addAsset', ts: 1, asset: { code: 'USD', scale: 10n } } as unknown as Command;
    expect(() => encodeCommand(bad)).toThrow(CodecError);
  });

  it('round-trips numbers and strings at the edges', () => {
    const w = new ByteWriter(4);
    const values = [0, -0, 1, -1, 63, 64, -64, -65, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 0.5, NaN, Infinity, -Infinity];
    for (const v of values) w.num(v);
    const strings = ['', 'a', 'x'.repeat(30), 'ünï', '𝄞', '\ud800x', 'y\udc00'];
    for (const s of strings) w.str(s);
    const r = new ByteReader().reset(w.buf, 0, w.pos);
    for (const v of values) expect(Object.is(r.num(), v)).toBe(true);
    for (const s of strings) expect(r.str()).toBe(s);
    expect(r.pos).toBe(w.pos);
  });
});
