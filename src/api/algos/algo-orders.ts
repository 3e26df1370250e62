// Algo orders: execution algorithms an API client starts on its own account, run in process through the same trading path as any order.
//
// Each algo order is a strategy run (see algo-strategy.ts) with the client's principal on the
// in-process ports: its child orders are ordinary orders of the account, under the same risk
// checks, and show in the account's orders and fills. Algo orders live in memory: a restart ends
// them (their child orders stay, as any order does) and their records go.
import { randomInt } from 'node:crypto';
import { wallClock } from '../../bots/pool/clock.ts';
import type { Instrument } from '../../core/instrument.ts';
import { isProblem, priceTicks, qtyLots } from '../../platform/units.ts';
import { StrategyRunner, type AlgoFill, type AlgoStatus, type ClockPort } from '../../strategy/index.ts';
import type { Principal } from '../auth/principal.ts';
import { InProcessFeedPort, InProcessTradingPort } from '../clients/in-process-client.ts';
import type { ApiContext } from '../context.ts';
import { ApiError, type ErrorCode } from '../errors.ts';
import { fieldRefusal, unknownSymbol } from '../field-refusal.ts';
import { checkAlgoOrder } from './algo-checks.ts';
import { withDecimalText, type AlgoSpec } from './algo-spec.ts';
import { algoStrategy, type AlgoWatch } from './algo-strategy.ts';

/** Running algo orders one account may have at once. */
export const MAX_RUNNING_PER_ACCOUNT = 20;
/** Finished algo orders remembered per account, newest kept. */
const FINISHED_KEPT = 100;

export interface AlgoOrderView {
  readonly id: number;
  readonly type: AlgoSpec['type'];
  readonly spec: AlgoSpec;
  readonly state: AlgoStatus['state'];
  /** Decimal strings on the instrument's grid, as every order shows them. */
  readonly filledQty: string;
  readonly remainingQty: string;
  /** Volume-weighted over the fills, with four more places than the tick, as an order's avgFillPrice; null before the first. */
  readonly avgPrice: string | null;
  readonly ordersSent: number;
  readonly openOrders: readonly number[];
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly endedAt: number | null;
}

interface AlgoOrder {
  readonly id: number;
  readonly accountId: number;
  readonly spec: AlgoSpec;
  readonly instrument: Instrument;
  readonly totalLots: number;
  /** Summed from the fills the algorithm counts, in engine units, so the view is exact. */
  filledLots: number;
  filledTickLots: number;
  readonly runner: StrategyRunner<unknown, unknown>;
  readonly watch: AlgoWatch;
  readonly createdAt: number;
  endedAt: number | null;
  failure: string | null;
}

export class AlgoOrderService {
  private readonly orders = new Map<number, AlgoOrder>();
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly ctx: () => ApiContext,
    private readonly clock: ClockPort = wallClock,
  ) {}

  async place(principal: Principal, asked: AlgoSpec): Promise<AlgoOrderView> {
    if (this.closing) throw new ApiError('UNAVAILABLE');
    const ctx = this.ctx();
    const engine = ctx.exchange.engine;
    const instrument = engine.instrument(asked.symbol);
    if (!instrument) throw unknownSymbol(asked.symbol, { path: 'symbol' });
    const totalLots = checkAlgoOrder(engine, instrument, principal.accountId, asked);
    if (isProblem(totalLots)) throw 'path' in totalLots ? fieldRefusal(totalLots) : new ApiError(totalLots.problem, totalLots.message, totalLots.details);
    const spec = withDecimalText(asked);
    const running = [...this.orders.values()].filter((o) => o.accountId === principal.accountId && o.endedAt === null).length;
    if (running >= MAX_RUNNING_PER_ACCOUNT) throw new ApiError('ALGO_LIMIT', `An account may run at most ${MAX_RUNNING_PER_ACCOUNT} algo orders at once.`);
    const id = this.nextId++;
    const watch: AlgoWatch = { algo: undefined, refused: undefined, ended: () => this.ended(id), filled: (fill) => this.filled(id, fill) };
    const runner = new StrategyRunner(algoStrategy(spec, watch), {
      trading: new InProcessTradingPort(ctx, principal),
      feed: new InProcessFeedPort(ctx, principal.accountId),
      clock: this.clock,
      seed: randomInt(2 ** 31),
      log: () => undefined,
      onError: (error) => this.failed(id, error),
    }) as StrategyRunner<unknown, unknown>;
    const order: AlgoOrder = { id, accountId: principal.accountId, spec, instrument, totalLots, filledLots: 0, filledTickLots: 0, runner, watch, createdAt: this.clock.now(), endedAt: null, failure: null };
    this.orders.set(id, order);
    await runner.start();
    if (watch.refused) {
      this.orders.delete(id);
      await runner.stop();
      // A parameter the algorithm refuses is named as every validation refusal names its field.
      throw new ApiError(refusalCode(watch.refused.code), watch.refused.message, watch.refused.details);
    }
    if (order.failure !== null && !watch.algo) {
      this.orders.delete(id);
      throw new ApiError('UNAVAILABLE', `the algo order could not start: ${order.failure}`);
    }
    return this.view(order);
  }

  list(principal: Principal): AlgoOrderView[] {
    return [...this.orders.values()].filter((o) => o.accountId === principal.accountId).reverse().map((o) => this.view(o));
  }

  get(principal: Principal, id: number): AlgoOrderView {
    return this.view(this.own(principal, id));
  }

  /** Cancels the working child orders and ends the algo order; what filled stays filled. A finished one is left as it is. */
  async cancel(principal: Principal, id: number): Promise<AlgoOrderView> {
    const order = this.own(principal, id);
    if (order.endedAt === null) {
      await order.watch.algo?.cancel();
      await this.finish(order);
    }
    return this.view(order);
  }

  /**
   * Cancels every running algo order of an account (its user was disabled), as `cancel` does each:
   * working child orders cancelled, what filled stays. Answers with their ids.
   */
  async cancelAccount(accountId: number): Promise<number[]> {
    const running = [...this.orders.values()].filter((o) => o.accountId === accountId && o.endedAt === null);
    await Promise.all(
      running.map(async (order) => {
        await order.watch.algo?.cancel();
        await this.finish(order);
      }),
    );
    return running.map((order) => order.id);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.orders.values()].filter((o) => o.endedAt === null).map((o) => this.finish(o)));
  }

  private own(principal: Principal, id: number): AlgoOrder {
    const order = this.orders.get(id);
    // Another account's algo order is answered exactly like one that does not exist.
    if (!order || order.accountId !== principal.accountId) throw new ApiError('NOT_FOUND', `no algo order ${id}`);
    return order;
  }

  private ended(id: number): void {
    const order = this.orders.get(id);
    if (!order) return;
    // Ended now, so an answer given before the run stops (a POST whose first slice was refused) shows it.
    order.endedAt ??= this.clock.now();
    // The algorithm ends inside one of the run's handlers; the run is stopped from outside it.
    setImmediate(() => void this.finish(order));
  }

  private filled(id: number, fill: AlgoFill): void {
    const order = this.orders.get(id);
    if (!order) return;
    // Fill prices and sizes come from the venue's exact text, so they are on the grid.
    const ticks = priceTicks(order.instrument, fill.price);
    const lots = qtyLots(order.instrument, fill.qty);
    if (isProblem(ticks) || isProblem(lots)) throw new Error(`algo order ${id}: fill ${fill.qty} at ${fill.price} is off the ${order.spec.symbol} grid`);
    order.filledLots += lots;
    order.filledTickLots += ticks * lots;
  }

  private failed(id: number, error: unknown): void {
    const order = this.orders.get(id);
    if (!order) return;
    order.failure = error instanceof Error ? error.message : String(error);
    order.endedAt ??= this.clock.now();
  }

  private async finish(order: AlgoOrder): Promise<void> {
    order.endedAt ??= this.clock.now();
    await order.runner.stop();
    this.forgetOld(order.accountId);
  }

  private forgetOld(accountId: number): void {
    const finished = [...this.orders.values()].filter((o) => o.accountId === accountId && o.endedAt !== null);
    for (const old of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.orders.delete(old.id);
  }

  private view(order: AlgoOrder): AlgoOrderView {
    const status = order.watch.algo?.status();
    const failed = order.failure !== null;
    const format = this.ctx().format;
    const symbol = order.spec.symbol;
    return {
      id: order.id,
      type: order.spec.type,
      spec: order.spec,
      state: failed ? 'failed' : (status?.state ?? 'new'),
      filledQty: format.qty(symbol, order.filledLots),
      remainingQty: format.qty(symbol, Math.max(0, order.totalLots - order.filledLots)),
      avgPrice: format.averagePrice(symbol, order.filledTickLots, order.filledLots),
      ordersSent: status?.ordersSent ?? 0,
      openOrders: status?.openOrders ?? [],
      lastError: order.failure ?? status?.lastError ?? null,
      createdAt: order.createdAt,
      endedAt: order.endedAt,
    };
  }
}

/** The algorithm's refusal codes, as API codes: bad parameters are the client's 400s. */
function refusalCode(code: string): ErrorCode {
  switch (code) {
    case 'INVALID_QUANTITY':
    case 'INVALID_PRICE':
    case 'INVALID_ALGO_PARAMS':
    case 'UNKNOWN_SYMBOL':
      return code;
    default:
      return 'INVALID_ALGO_PARAMS';
  }
}
