// Order book benchmark: our FastBook against nodejs-order-book and hft-limit-order-book on one seeded stream.
import { pathToFileURL } from 'node:url';
import { OrderBook as NodejsOrderBook, Side as NodejsSide } from 'nodejs-order-book';
import type { LimitOrderOptions as NodejsLimitOptions } from 'nodejs-order-book';
import { OrderBook as HftOrderBook, Side as HftSide } from 'hft-limit-order-book';
import type { LimitOrderOptions as HftLimitOptions } from 'hft-limit-order-book';
import { FastBook } from '../../src/engine/book/fast-book.ts';
import { BUY, CANCEL, LIMIT, MARKET, generateMixedFlow, generateNonCrossingAdds, runOnBook, type CommandStream } from './flow.ts';

export interface BookBenchOptions {
  readonly seed?: number;
  /** Non-crossing adds for our book (and for the memory figure). */
  readonly addOps?: number;
  /** Mixed-flow commands for our book. */
  readonly mixedOps?: number;
  /** Prefix lengths of the same streams for the peers, which are far slower. */
  readonly peerAddOps?: number;
  readonly peerMixedOps?: number;
  /** Timed repetitions of each part for our book (the median is reported). */
  readonly reps?: number;
  readonly peerReps?: number;
  readonly print?: boolean;
}

export interface PeerResult {
  add_ops_s: number;
  mixed_ops_s: number;
}

export interface BookBenchResult {
  book_add_ops_s: number;
  book_mixed_ops_s: number;
  /** Ours on exactly the prefixes the peers ran, for like-for-like ratios. */
  book_add_prefix_ops_s: number;
  book_mixed_prefix_ops_s: number;
  peer_mixed_ops_s: number;
  best_peer: string;
  mixed_ratio_vs_best_peer: number;
  add_ratio_vs_best_peer: number;
  peers: Record<string, PeerResult>;
  bytes_per_resting_order_book: number;
  ops: { add: number; mixed: number; peer_add: number; peer_mixed: number };
  /** Lots traded on the mixed prefix; every implementation must agree on it. */
  mixed_prefix_traded: number;
}

/** One peer library behind the three calls the stream needs; each returns the quantity traded. */
interface Peer {
  limit(id: string, buy: boolean, price: number, qty: number, ioc: boolean): number;
  market(buy: boolean, qty: number): number;
  cancel(id: string): void;
}

/** What both npm libraries share (one is a fork of the other), generic over their own enum types. */
interface PeerLibraryBook<S, T> {
  limit(options: { id: string; side: S; size: number; price: number; timeInForce?: T }): { err: unknown; quantityLeft: number };
  market(options: { side: S; size: number }): { err: unknown; quantityLeft: number };
  cancel(id: string): unknown;
}

function adapt<S, T>(book: PeerLibraryBook<S, T>, buySide: S, sellSide: S, ioc: T): Peer {
  const traded = (size: number, r: { err: unknown; quantityLeft: number }): number => (r.err === null ? size - r.quantityLeft : 0);
  return {
    limit: (id, buy, price, size, isIoc) => {
      const side = buy ? buySide : sellSide;
      return traded(size, isIoc ? book.limit({ id, side, size, price, timeInForce: ioc }) : book.limit({ id, side, size, price }));
    },
    market: (buy, size) => traded(size, book.market({ side: buy ? buySide : sellSide, size })),
    cancel: (id) => void book.cancel(id),
  };
}

const PEERS: Record<string, () => Peer> = {
  'nodejs-order-book': () => adapt(new NodejsOrderBook(), NodejsSide.BUY, NodejsSide.SELL, 'IOC' as NodejsLimitOptions['timeInForce']),
  'hft-limit-order-book': () => adapt(new HftOrderBook(), HftSide.BUY, HftSide.SELL, 'IOC' as HftLimitOptions['timeInForce']),
};

/** Runs commands [from, to) on a peer; string ids are made beforehand so the peer is not charged for them. */
function runOnPeer(peer: Peer, s: CommandStream, ids: readonly string[], from: number, to: number): number {
  let traded = 0;
  for (let i = from; i < to; i++) {
    const k = s.kind[i]!;
    const buy = s.side[i] === BUY;
    if (k === CANCEL) peer.cancel(ids[i]!);
    else if (k === MARKET) traded += peer.market(buy, s.qty[i]!);
    else traded += peer.limit(ids[i]!, buy, s.price[i]!, s.qty[i]!, k !== LIMIT);
  }
  return traded;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times `reps` runs (after one untimed warm-up) and returns the median ops/s plus the traded checksum.
 * `prepare` builds fresh state untimed; `run` does the measured work on it.
 */
function measure<T>(reps: number, ops: number, prepare: () => T, run: (state: T) => number): { opsPerSec: number; traded: number } {
  let traded = run(prepare());
  const rates: number[] = [];
  for (let r = 0; r < reps; r++) {
    const state = prepare();
    globalThis.gc?.();
    const start = performance.now();
    const t = run(state);
    const ms = performance.now() - start;
    if (t !== traded) throw new Error(`traded ${t} on one run and ${traded} on another`);
    traded = t;
    rates.push((ops / ms) * 1000);
  }
  return { opsPerSec: median(rates), traded };
}

function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Heap plus array-buffer bytes per resting order of a FastBook holding the whole add stream. */
function bytesPerRestingOrder(adds: CommandStream): number {
  const gc = globalThis.gc;
  if (!gc) return Number.NaN;
  gc();
  gc();
  const before = heapBytes();
  const book = new FastBook();
  runOnBook(book, adds, 0, adds.length);
  gc();
  gc();
  const after = heapBytes();
  if (book.size() !== adds.length) throw new Error('the add stream should rest every order');
  return (after - before) / book.size();
}

/** Lets timers and I/O of a caller (progress output, say) run between the long synchronous parts. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

export function printBookTable(r: BookBenchResult): void {
  const rows: Array<[string, string, string]> = [
    [`FastBook (ours)`, fmt(r.book_add_ops_s), fmt(r.book_mixed_ops_s)],
    [`FastBook, peer-sized prefixes`, fmt(r.book_add_prefix_ops_s), fmt(r.book_mixed_prefix_ops_s)],
    ...Object.entries(r.peers).map(([name, p]): [string, string, string] => [name, fmt(p.add_ops_s), fmt(p.mixed_ops_s)]),
  ];
  const w = [32, 16, 16];
  const line = (c: readonly string[]): string => c[0]!.padEnd(w[0]!) + c[1]!.padStart(w[1]!) + c[2]!.padStart(w[2]!);
  console.log(`\norder book (ours: ${fmt(r.ops.add)} adds, ${fmt(r.ops.mixed)} mixed; peers: ${fmt(r.ops.peer_add)} adds, ${fmt(r.ops.peer_mixed)} mixed)`);
  console.log(line(['implementation', 'add ops/s', 'mixed ops/s']));
  for (const row of rows) console.log(line(row));
  console.log(`ours / best peer (${r.best_peer}) on the same prefixes: add ${r.add_ratio_vs_best_peer.toFixed(1)}x, mixed ${r.mixed_ratio_vs_best_peer.toFixed(1)}x`);
  console.log(`all implementations traded ${fmt(r.mixed_prefix_traded)} lots on the mixed prefix`);
  console.log(`FastBook memory: ${r.bytes_per_resting_order_book.toFixed(1)} bytes per resting order at ${fmt(r.ops.add)} orders\n`);
}

export async function runBookBenchmarks(options: BookBenchOptions = {}): Promise<BookBenchResult> {
  const seed = options.seed ?? 42;
  const addOps = options.addOps ?? 1_000_000;
  const mixedOps = options.mixedOps ?? 1_000_000;
  const peerAddOps = Math.min(options.peerAddOps ?? 100_000, addOps);
  const peerMixedOps = Math.min(options.peerMixedOps ?? 50_000, mixedOps);
  const reps = options.reps ?? 5;
  const peerReps = options.peerReps ?? 3;

  const adds = generateNonCrossingAdds(seed, addOps);
  const flow = generateMixedFlow(seed + 1, mixedOps);
  const setupBook = (): FastBook => {
    const book = new FastBook();
    runOnBook(book, flow.setup, 0, flow.setup.length);
    return book;
  };

  const add = measure(reps, addOps, () => new FastBook(), (book) => runOnBook(book, adds, 0, addOps));
  const mixed = measure(reps, mixedOps, setupBook, (book) => runOnBook(book, flow.ops, 0, mixedOps));
  // The prefix run is short, so it takes more repetitions for a stable median.
  const prefix = measure(Math.max(reps, 25), peerMixedOps, setupBook, (book) => runOnBook(book, flow.ops, 0, peerMixedOps));
  const addPrefix = measure(Math.max(reps, 15), peerAddOps, () => new FastBook(), (book) => runOnBook(book, adds, 0, peerAddOps));
  await yieldToLoop();

  const addIds = Array.from({ length: peerAddOps }, (_, i) => String(adds.id[i]));
  const setupIds = Array.from({ length: flow.setup.length }, (_, i) => String(flow.setup.id[i]));
  const mixedIds = Array.from({ length: peerMixedOps }, (_, i) => String(flow.ops.id[i]));
  const peers: Record<string, PeerResult> = {};
  for (const [name, make] of Object.entries(PEERS)) {
    const peerAdd = measure(peerReps, peerAddOps, make, (peer) => runOnPeer(peer, adds, addIds, 0, peerAddOps));
    const peerMixed = measure(
      peerReps,
      peerMixedOps,
      () => {
        const peer = make();
        runOnPeer(peer, flow.setup, setupIds, 0, flow.setup.length);
        return peer;
      },
      (peer) => runOnPeer(peer, flow.ops, mixedIds, 0, peerMixedOps),
    );
    // Same stream, same semantics: the traded quantity must agree, or the comparison means nothing.
    if (peerMixed.traded !== prefix.traded || peerAdd.traded !== addPrefix.traded) {
      throw new Error(`${name} traded ${peerMixed.traded} on the mixed prefix, ours ${prefix.traded}`);
    }
    peers[name] = { add_ops_s: peerAdd.opsPerSec, mixed_ops_s: peerMixed.opsPerSec };
    await yieldToLoop();
  }
  const [bestPeer, best] = Object.entries(peers).reduce((a, b) => (b[1].mixed_ops_s > a[1].mixed_ops_s ? b : a));
  const bestAdd = Math.max(...Object.values(peers).map((p) => p.add_ops_s));

  const result: BookBenchResult = {
    book_add_ops_s: add.opsPerSec,
    book_mixed_ops_s: mixed.opsPerSec,
    book_add_prefix_ops_s: addPrefix.opsPerSec,
    book_mixed_prefix_ops_s: prefix.opsPerSec,
    peer_mixed_ops_s: best.mixed_ops_s,
    best_peer: bestPeer,
    mixed_ratio_vs_best_peer: prefix.opsPerSec / best.mixed_ops_s,
    add_ratio_vs_best_peer: addPrefix.opsPerSec / bestAdd,
    peers,
    bytes_per_resting_order_book: bytesPerRestingOrder(adds),
    ops: { add: addOps, mixed: mixedOps, peer_add: peerAddOps, peer_mixed: peerMixedOps },
    mixed_prefix_traded: prefix.traded,
  };
  if (options.print ?? true) printBookTable(result);
  return result;
}

const argv1 = process.argv[1];
if (argv1 !== undefined && import.meta.url === pathToFileURL(argv1).href) {
  const result = await runBookBenchmarks();
  console.log(JSON.stringify(result));
}
