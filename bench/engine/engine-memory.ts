// Memory of the full engine: heap bytes per resting order with a million orders resting.
import type { Command } from '../../src/core/commands.ts';
import { SeededRandom } from '../../src/core/rng.ts';
import { Engine } from '../../src/engine/engine.ts';
import { engineSetup, SYMBOL } from './engine-flow.ts';

function heapBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Rests `orders` non-crossing limit orders from 1,000 accounts and returns the heap growth per order. */
export function engineBytesPerRestingOrder(orders: number, seed = 7): number {
  const gc = globalThis.gc;
  if (!gc) return Number.NaN;
  const rng = new SeededRandom(seed);
  const commands: Command[] = [];
  for (let i = 0; i < orders; i++) {
    const buy = rng.next() < 0.5;
    const offset = rng.int(1, 1_000);
    commands.push({ type: 'placeOrder', ts: 2, order: { accountId: rng.int(1, 1_000), symbol: SYMBOL, side: buy ? 'buy' : 'sell', type: 'limit', qty: rng.int(1, 100), price: buy ? 100_000 - offset : 100_000 + offset } });
  }
  const engine = new Engine();
  for (const command of engineSetup(1_000)) engine.apply(command);
  gc();
  gc();
  const before = heapBytes();
  for (const command of commands) engine.apply(command);
  commands.length = 0;
  gc();
  gc();
  const after = heapBytes();
  if (engine.book(SYMBOL)!.size() !== orders) throw new Error('not every order rested');
  return (after - before) / orders;
}
