// The full-engine benchmark: the mixed order flow as engine commands across many funded accounts.
import type { Command } from '../../src/core/commands.ts';
import { SeededRandom } from '../../src/core/rng.ts';
import { Engine } from '../../src/engine/engine.ts';

export const SYMBOL = 'BENCH';
const MID = 100_000;

/** Assets, one instrument, and `accounts` accounts each funded with cash and shares. */
export function engineSetup(accounts: number): Command[] {
  const ts = 1;
  const commands: Command[] = [
    { type: 'addAsset', ts, asset: { code: 'USD', scale: 2 } },
    { type: 'addAsset', ts, asset: { code: SYMBOL, scale: 0 } },
    {
      type: 'addInstrument',
      ts,
      instrument: { symbol: SYMBOL, base: SYMBOL, quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000000', makerFeeBps: 1, takerFeeBps: 3, referencePrice: '1000', bandBps: 2000 },
    },
  ];
  for (let id = 1; id <= accounts; id++) {
    commands.push({ type: 'openAccount', ts, accountId: id });
    commands.push({ type: 'deposit', ts, accountId: id, asset: 'USD', amount: 1_000_000_000_000 });
    commands.push({ type: 'deposit', ts, accountId: id, asset: SYMBOL, amount: 100_000_000 });
  }
  return commands;
}

/**
 * The mixed flow as engine commands: 60% limit orders a few ticks around a wandering mid (some
 * cross), 30% cancels of live orders (by their owner), 5% market orders, 5% crossing IOC orders.
 * A generator engine runs the flow as it is written so every cancel names a live order; the
 * resulting commands are fixed data for the timed run.
 */
export function generateEngineFlow(seed: number, n: number, accounts: number, warmOrders = 5_000): { setup: Command[]; ops: Command[] } {
  const rng = new SeededRandom(seed);
  const setup = engineSetup(accounts);
  const engine = new Engine();
  for (const command of setup) engine.apply(command);
  const live: number[] = [];
  const position = new Map<number, number>();
  const owner = new Map<number, number>();
  const track = (events: ReturnType<Engine['apply']>): void => {
    for (const event of events) {
      if (event.type === 'OrderAccepted') owner.set(event.orderId, event.accountId);
      else if ((event.type === 'Fill' && event.leavesQty === 0) || event.type === 'OrderCancelled') forget(event.orderId);
    }
  };
  const forget = (id: number): void => {
    const at = position.get(id);
    if (at === undefined) return;
    const last = live.pop()!;
    if (at < live.length) {
      live[at] = last;
      position.set(last, at);
    }
    position.delete(id);
  };
  let mid = MID;
  const ops: Command[] = [];
  const emit = (command: Command, warm: boolean): void => {
    const events = engine.apply(command);
    track(events);
    for (const event of events) {
      if (event.type === 'OrderAccepted' && engine.order(event.orderId)?.state === 'open' && engine.book(SYMBOL)!.has(event.orderId)) {
        position.set(event.orderId, live.length);
        live.push(event.orderId);
      }
    }
    (warm ? setup : ops).push(command);
  };
  for (let i = 0; i < warmOrders; i++) {
    const buy = rng.next() < 0.5;
    const offset = rng.int(1, 50);
    emit({ type: 'placeOrder', ts: 2, order: { accountId: rng.int(1, accounts), symbol: SYMBOL, side: buy ? 'buy' : 'sell', type: 'limit', qty: rng.int(1, 100), price: buy ? mid - offset : mid + offset } }, true);
  }
  for (let i = 0; i < n; i++) {
    const ts = 3 + Math.floor(i / 1000);
    if (rng.next() < 0.01) mid += rng.next() < 0.5 ? -1 : 1;
    const roll = rng.next();
    const buy = rng.next() < 0.5;
    const side = buy ? 'buy' : 'sell';
    const accountId = rng.int(1, accounts);
    const qty = rng.int(1, 100);
    if (roll < 0.3 && live.length > 0) {
      const orderId = live[Math.floor(rng.next() * live.length)]!;
      emit({ type: 'cancelOrder', ts, accountId: owner.get(orderId)!, orderId }, false);
    } else if (roll >= 0.3 && roll < 0.35) {
      emit({ type: 'placeOrder', ts, order: { accountId, symbol: SYMBOL, side, type: 'market', qty } }, false);
    } else if (roll >= 0.35 && roll < 0.4) {
      const price = buy ? mid + rng.int(0, 4) : mid - rng.int(0, 4);
      emit({ type: 'placeOrder', ts, order: { accountId, symbol: SYMBOL, side, type: 'limit', tif: 'ioc', qty, price } }, false);
    } else {
      const price = buy ? mid + rng.int(-10, 1) : mid - rng.int(-10, 1);
      emit({ type: 'placeOrder', ts, order: { accountId, symbol: SYMBOL, side, type: 'limit', qty, price } }, false);
    }
  }
  return { setup, ops };
}

/** Applies the setup, then times the ops; returns commands per second and the events they made. */
export function timeEngine(flow: { setup: Command[]; ops: Command[] }): { opsPerSecond: number; events: number; engine: Engine } {
  const engine = new Engine();
  for (const command of flow.setup) engine.apply(command);
  let events = 0;
  const started = process.hrtime.bigint();
  for (const command of flow.ops) events += engine.apply(command).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { opsPerSecond: flow.ops.length / seconds, events, engine };
}
