// Binary codec for commands: compact fixed layouts for the hot types, a self-describing value format for the rest.
import { CANCEL_ALL_REASONS, type CancelAll, type CancelAllReason, type Command, type PlaceOrder, type ReplaceOrder } from '../core/commands.ts';
import type { OrderRequest, OrderType, Side, StpMode, TimeInForce } from '../core/orders.ts';
import { ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from '../core/orders.ts';
import { ByteReader, ByteWriter, CodecError, readValue, writeValue } from './byte-io.ts';

/**
 * First byte of every payload. The numbers are part of the on-disk format: never renumber, only add.
 * GENERIC holds the whole command as a self-describing value; it carries the rare configuration
 * commands and any command whose fields do not fit its fast layout (for example a side the engine
 * will reject), so that every command replays exactly as it was submitted.
 */
const Code = {
  Generic: 0,
  PlaceOrder: 1,
  CancelOrder: 2,
  CancelAll: 3,
  ReplaceOrder: 4,
  Deposit: 5,
  Withdraw: 6,
  AdvanceTime: 7,
  OpenAccount: 8,
  EndSession: 9,
} as const;

// An order starts with three bytes. A: side (bit 0), type index (bits 1-3), tif index + 1 (bits 4-6).
// B: which optional fields are present, and postOnly's value (bits below). C: stp index + 1.
// Fast layouts hold the fields the command types declare; properties a type does not declare are
// not kept (the engine ignores them too, so replay is unaffected).
const HAS_CLIENT_ID = 1;
const HAS_PRICE = 2;
const HAS_STOP = 4;
const HAS_TRAIL_AMOUNT = 8;
const HAS_TRAIL_BPS = 16;
const HAS_EXPIRE = 32;
const HAS_POST_ONLY = 64;
const POST_ONLY_TRUE = 128;

const scratch = new ByteWriter(1024);
const reader = new ByteReader();

/** Encodes one command into a new buffer. */
export function encodeCommand(command: Command): Uint8Array {
  scratch.reset();
  encodeCommandInto(scratch, command);
  return Uint8Array.prototype.slice.call(scratch.buf, 0, scratch.pos);
}

/** Appends one command's bytes to `w` (the journal writes records straight into its batch buffer). */
export function encodeCommandInto(w: ByteWriter, command: Command): void {
  const start = w.pos;
  if (!encodeFast(w, command)) {
    w.pos = start;
    w.u8(Code.Generic);
    writeValue(w, command);
  }
}

/** Decodes the command stored in bytes [start, end). */
export function decodeCommand(bytes: Uint8Array, start = 0, end = bytes.length): Command {
  const r = reader.reset(bytes, start, end);
  const command = decodeFrom(r);
  if (r.pos !== end) throw new CodecError(`${end - r.pos} bytes left after a ${command.type} command`);
  return command;
}

/** Returns false when the command does not fit its fast layout; the caller then rewinds and writes it generically. */
function encodeFast(w: ByteWriter, c: Command): boolean {
  if (typeof c !== 'object' || c === null || typeof c.ts !== 'number') return false;
  switch (c.type) {
    case 'placeOrder':
      if (!isOrder(c.order)) return false;
      w.u8(Code.PlaceOrder);
      w.num(c.ts);
      writeOrder(w, c.order);
      return true;
    case 'cancelOrder':
      if (!isNum(c.accountId) || !isOptNum(c.orderId) || !isOptStr(c.clientOrderId)) return false;
      w.u8(Code.CancelOrder);
      w.num(c.ts);
      w.u8((c.orderId !== undefined ? 1 : 0) | (c.clientOrderId !== undefined ? 2 : 0));
      w.num(c.accountId);
      if (c.orderId !== undefined) w.num(c.orderId);
      if (c.clientOrderId !== undefined) w.str(c.clientOrderId);
      return true;
    case 'cancelAll': {
      // Flags: 1 symbol, 2 reason (its index in CANCEL_ALL_REASONS), 4 note. Records written before
      // reasons and notes existed have neither bit set, and read back as the user's cancel-all they were.
      const reason = c.reason === undefined ? -1 : CANCEL_ALL_REASONS.indexOf(c.reason);
      if (!isNum(c.accountId) || !isOptStr(c.symbol) || (c.reason !== undefined && reason < 0) || !isOptStr(c.note)) return false;
      w.u8(Code.CancelAll);
      w.num(c.ts);
      w.u8((c.symbol !== undefined ? 1 : 0) | (reason >= 0 ? 2 : 0) | (c.note !== undefined ? 4 : 0));
      w.num(c.accountId);
      if (c.symbol !== undefined) w.str(c.symbol);
      if (reason >= 0) w.u8(reason);
      if (c.note !== undefined) w.str(c.note);
      return true;
    }
    case 'replaceOrder':
      if (!isNum(c.accountId) || !isNum(c.orderId) || !isOptNum(c.qty) || !isOptNum(c.price) || !isOptNum(c.stopPrice)) return false;
      w.u8(Code.ReplaceOrder);
      w.num(c.ts);
      w.u8((c.qty !== undefined ? 1 : 0) | (c.price !== undefined ? 2 : 0) | (c.stopPrice !== undefined ? 4 : 0));
      w.num(c.accountId);
      w.num(c.orderId);
      if (c.qty !== undefined) w.num(c.qty);
      if (c.price !== undefined) w.num(c.price);
      if (c.stopPrice !== undefined) w.num(c.stopPrice);
      return true;
    case 'deposit':
    case 'withdraw':
      if (!isNum(c.accountId) || typeof c.asset !== 'string' || !isNum(c.amount) || !isOptStr(c.memo)) return false;
      w.u8(c.type === 'deposit' ? Code.Deposit : Code.Withdraw);
      w.num(c.ts);
      w.u8(c.memo !== undefined ? 1 : 0);
      w.num(c.accountId);
      w.str(c.asset);
      w.num(c.amount);
      if (c.memo !== undefined) w.str(c.memo);
      return true;
    case 'advanceTime':
      w.u8(Code.AdvanceTime);
      w.num(c.ts);
      return true;
    case 'openAccount':
      if (!isNum(c.accountId)) return false;
      w.u8(Code.OpenAccount);
      w.num(c.ts);
      w.num(c.accountId);
      return true;
    case 'endSession':
      if (!isOptStr(c.symbol)) return false;
      w.u8(Code.EndSession);
      w.num(c.ts);
      w.u8(c.symbol !== undefined ? 1 : 0);
      if (c.symbol !== undefined) w.str(c.symbol);
      return true;
    // Configuration and multi-leg commands are rare; the generic format keeps them exact without a layout each.
    case 'addAsset':
    case 'addInstrument':
    case 'setRiskLimits':
    case 'setReferencePrice':
    case 'setTradingStatus':
    case 'placeOco':
    case 'placeBracket':
      return false;
  }
}

function writeOrder(w: ByteWriter, o: OrderRequest): void {
  const tif = o.tif === undefined ? 0 : TIME_IN_FORCE.indexOf(o.tif) + 1;
  w.u8((o.side === 'sell' ? 1 : 0) | (ORDER_TYPES.indexOf(o.type) << 1) | (tif << 4));
  let flags = 0;
  if (o.clientOrderId !== undefined) flags |= HAS_CLIENT_ID;
  if (o.price !== undefined) flags |= HAS_PRICE;
  if (o.stopPrice !== undefined) flags |= HAS_STOP;
  if (o.trailAmount !== undefined) flags |= HAS_TRAIL_AMOUNT;
  if (o.trailBps !== undefined) flags |= HAS_TRAIL_BPS;
  if (o.expireAt !== undefined) flags |= HAS_EXPIRE;
  if (o.postOnly !== undefined) flags |= o.postOnly ? HAS_POST_ONLY | POST_ONLY_TRUE : HAS_POST_ONLY;
  w.u8(flags);
  w.u8(o.stp === undefined ? 0 : STP_MODES.indexOf(o.stp) + 1);
  w.num(o.accountId);
  w.str(o.symbol);
  if (o.clientOrderId !== undefined) w.str(o.clientOrderId);
  w.num(o.qty);
  if (o.price !== undefined) w.num(o.price);
  if (o.stopPrice !== undefined) w.num(o.stopPrice);
  if (o.trailAmount !== undefined) w.num(o.trailAmount);
  if (o.trailBps !== undefined) w.num(o.trailBps);
  if (o.expireAt !== undefined) w.num(o.expireAt);
}

function decodeFrom(r: ByteReader): Command {
  const code = r.u8();
  switch (code) {
    case Code.PlaceOrder: {
      const ts = r.num();
      const command: PlaceOrder = { type: 'placeOrder', ts, order: readOrder(r) };
      return command;
    }
    case Code.CancelOrder: {
      const ts = r.num();
      const flags = r.u8();
      const accountId = r.num();
      // One literal per field set, like orders (see readOrder).
      if (flags & 1) {
        const orderId = r.num();
        return flags & 2 ? { type: 'cancelOrder', ts, accountId, orderId, clientOrderId: r.str() } : { type: 'cancelOrder', ts, accountId, orderId };
      }
      return flags & 2 ? { type: 'cancelOrder', ts, accountId, clientOrderId: r.str() } : { type: 'cancelOrder', ts, accountId };
    }
    case Code.CancelAll: {
      const ts = r.num();
      const flags = r.u8();
      const accountId = r.num();
      if (flags > 7) throw new CodecError('bad cancel-all flags');
      if (flags < 2) return flags & 1 ? { type: 'cancelAll', ts, accountId, symbol: r.name() } : { type: 'cancelAll', ts, accountId };
      const c: Mutable<CancelAll> = { type: 'cancelAll', ts, accountId };
      if (flags & 1) c.symbol = r.name();
      if (flags & 2) c.reason = cancelAllReason(r.u8());
      if (flags & 4) c.note = r.str();
      return c;
    }
    case Code.ReplaceOrder: {
      const ts = r.num();
      const flags = r.u8();
      const c: Mutable<ReplaceOrder> = { type: 'replaceOrder', ts, accountId: r.num(), orderId: r.num() };
      if (flags & 1) c.qty = r.num();
      if (flags & 2) c.price = r.num();
      if (flags & 4) c.stopPrice = r.num();
      return c;
    }
    case Code.Deposit:
    case Code.Withdraw: {
      const type = code === Code.Deposit ? 'deposit' : 'withdraw';
      const ts = r.num();
      const flags = r.u8();
      const accountId = r.num();
      const asset = r.name();
      const amount = r.num();
      return flags & 1 ? { type, ts, accountId, asset, amount, memo: r.str() } : { type, ts, accountId, asset, amount };
    }
    case Code.AdvanceTime:
      return { type: 'advanceTime', ts: r.num() };
    case Code.OpenAccount:
      return { type: 'openAccount', ts: r.num(), accountId: r.num() };
    case Code.EndSession: {
      const ts = r.num();
      return r.u8() & 1 ? { type: 'endSession', ts, symbol: r.name() } : { type: 'endSession', ts };
    }
    case Code.Generic:
      // Whatever was journaled comes back as it was, even a malformed command: the engine rejected
      // it as a value then and must reject it the same way on replay.
      return readValue(r) as Command;
    default:
      throw new CodecError(`unknown command code ${code}`);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function readOrder(r: ByteReader): OrderRequest {
  const a = r.u8();
  const flags = r.u8();
  const stp = r.u8();
  const side = SIDES[a & 1] as Side;
  const type = ORDER_TYPES[(a >> 1) & 7];
  const tifIndex = (a >> 4) & 7;
  if (type === undefined || tifIndex > TIME_IN_FORCE.length || stp > STP_MODES.length || a & 128) throw new CodecError('bad order flags');
  const accountId = r.num();
  const symbol = r.name();
  const clientOrderId = flags & HAS_CLIENT_ID ? r.str() : '';
  const qty = r.num();
  const price = flags & HAS_PRICE ? r.num() : 0;
  const tif = tifIndex > 0 ? TIME_IN_FORCE[tifIndex - 1] : undefined;
  // The usual orders (a limit or market order with at most a client id and a time in force) are
  // made by one object literal per field set: all their properties sit in the object and orders
  // of one kind share one hidden class, which keeps decoding cheap and the engine's reads fast.
  if ((flags & ~(HAS_CLIENT_ID | HAS_PRICE)) === 0 && stp === 0) {
    if (flags & HAS_CLIENT_ID) {
      if (flags & HAS_PRICE) return tif === undefined ? { accountId, symbol, clientOrderId, side, type, qty, price } : { accountId, symbol, clientOrderId, side, type, qty, price, tif };
      return tif === undefined ? { accountId, symbol, clientOrderId, side, type, qty } : { accountId, symbol, clientOrderId, side, type, qty, tif };
    }
    if (flags & HAS_PRICE) return tif === undefined ? { accountId, symbol, side, type, qty, price } : { accountId, symbol, side, type, qty, price, tif };
    return tif === undefined ? { accountId, symbol, side, type, qty } : { accountId, symbol, side, type, qty, tif };
  }
  const o: Mutable<OrderRequest> = flags & HAS_CLIENT_ID ? { accountId, symbol, clientOrderId, side, type, qty } : { accountId, symbol, side, type, qty };
  if (flags & HAS_PRICE) o.price = price;
  if (flags & HAS_STOP) o.stopPrice = r.num();
  if (flags & HAS_TRAIL_AMOUNT) o.trailAmount = r.num();
  if (flags & HAS_TRAIL_BPS) o.trailBps = r.num();
  if (tif !== undefined) o.tif = tif;
  if (flags & HAS_EXPIRE) o.expireAt = r.num();
  if (flags & HAS_POST_ONLY) o.postOnly = (flags & POST_ONLY_TRUE) !== 0;
  if (stp > 0) o.stp = STP_MODES[stp - 1];
  return o;
}

/** The fast order layout holds only the documented vocabulary; anything else goes generic. */
function isOrder(o: unknown): o is OrderRequest {
  if (typeof o !== 'object' || o === null) return false;
  const x = o as Record<string, unknown>;
  return (
    isNum(x.accountId) &&
    typeof x.symbol === 'string' &&
    isOptStr(x.clientOrderId) &&
    SIDES.includes(x.side as Side) &&
    ORDER_TYPES.includes(x.type as OrderType) &&
    isNum(x.qty) &&
    isOptNum(x.price) &&
    isOptNum(x.stopPrice) &&
    isOptNum(x.trailAmount) &&
    isOptNum(x.trailBps) &&
    (x.tif === undefined || TIME_IN_FORCE.includes(x.tif as TimeInForce)) &&
    isOptNum(x.expireAt) &&
    (x.postOnly === undefined || typeof x.postOnly === 'boolean') &&
    (x.stp === undefined || STP_MODES.includes(x.stp as StpMode))
  );
}

function cancelAllReason(index: number): CancelAllReason {
  const reason = CANCEL_ALL_REASONS[index];
  if (reason === undefined) throw new CodecError(`unknown cancel-all reason ${index}`);
  return reason;
}

function isNum(v: unknown): v is number {
  return typeof v === 'number';
}
function isOptNum(v: unknown): v is number | undefined {
  return v === undefined || typeof v === 'number';
}
function isOptStr(v: unknown): v is string | undefined {
  return v === undefined || typeof v === 'string';
}
