// Algo orders: execution algorithms an API client starts on its own account, run in process through the same trading path as any order.
//
// Each algo order is a strategy run (see algo-strategy.ts) with the client's principal on the
// in-process ports: its child orders are ordinary orders of the account, under the same risk
// checks, and show in the account's orders and fills. Every algo order is a row of the store,
// written as it works and when it ends, so its id is never handed out again and an ended one stays
// readable. When the platform stops, running algo orders stop where they are and their child
// orders stay on the book; the next start resumes them (see resume()).
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { wallClock } from '../../bots/pool/clock.ts';
import type { Instrument } from '../../core/instrument.ts';
import { isProblem, priceTicks, qtyLots } from '../../platform/units.ts';
import { MAX_PAGE_LIMIT, parseCursor, type AlgoOrderProgress, type AlgoOrderRow, type AlgoOrdersRepo, type Cursor, type Page } from '../../store/index.ts';
import { StrategyRunner, type AlgoFill, type AlgoResume, type ClockPort } from '../../strategy/index.ts';
import type { Principal } from '../auth/principal.ts';
import { InProcessFeedPort, InProcessTradingPort } from '../clients/in-process-client.ts';
import type { ApiContext } from '../context.ts';
import { ApiError, type ErrorCode } from '../errors.ts';
import { fieldRefusal, unknownSymbol } from '../field-refusal.ts';
import { checkAlgoOrder } from './algo-checks.ts';
import { algoOrderView, type AlgoOrderView } from './algo-order-view.ts';
import { withDecimalText, type AlgoSpec } from './algo-spec.ts';
import { algoStrategy, type AlgoWatch } from './algo-strategy.ts';
import { childOrderIdPrefix } from './child-order-id.ts';

export type { AlgoOrderView } from './algo-order-view.ts';

/** Running algo orders one account may have at once. */
export const MAX_RUNNING_PER_ACCOUNT = 20;

const NO_SUCH_ALGO_ORDER = 'You have no algo order with that id.';

interface AlgoOrder {
  readonly id: number;
  readonly accountId: number;
  readonly spec: AlgoSpec;
  readonly instrument: Instrument;
  readonly totalLots: number;
  /** Summed from the fills the algorithm counts (and, resumed, its children's fills before), in engine units, so the view is exact. */
  filledLots: number;
  filledTickLots: number;
  readonly runner: StrategyRunner<unknown, unknown>;
  readonly watch: AlgoWatch;
  readonly createdAt: number;
  endedAt: number | null;
  failure: string | null;
  /** The row's writes, one after another, each with the progress of its moment; `queued` while one waits its turn. */
  saving: Promise<void>;
  queued: boolean;
  /** The run's last stop (ended, or the platform stopping), once begun. */
  stopping: Promise<void> | undefined;
}

export interface AlgoOrderServiceOptions {
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
  readonly clock?: ClockPort;
}

export class AlgoOrderService {
  /** The algo orders running in this process, and ended ones until their last write is done. */
  private readonly orders = new Map<number, AlgoOrder>();
  /** Placements under way per account, counted against the running limit. */
  private readonly placing = new Map<number, number>();
  private closing = false;
  private readonly clock: ClockPort;

  constructor(
    private readonly ctx: () => ApiContext,
    private readonly repo: AlgoOrdersRepo,
    private readonly options: AlgoOrderServiceOptions = {},
  ) {
    this.clock = options.clock ?? wallClock;
  }

  async place(principal: Principal, asked: AlgoSpec): Promise<AlgoOrderView> {
    if (this.closing) throw new ApiError('UNAVAILABLE');
    const engine = this.ctx().exchange.engine;
    const instrument = engine.instrument(asked.symbol);
    if (!instrument) throw unknownSymbol(asked.symbol, { path: 'symbol' });
    const totalLots = checkAlgoOrder(engine, instrument, principal.accountId, asked);
    if (isProblem(totalLots)) throw 'path' in totalLots ? fieldRefusal(totalLots) : new ApiError(totalLots.problem, totalLots.message, totalLots.details);
    const spec = withDecimalText(asked);
    const { accountId } = principal;
    if (this.running(accountId) >= MAX_RUNNING_PER_ACCOUNT) throw new ApiError('ALGO_LIMIT', `An account may run at most ${MAX_RUNNING_PER_ACCOUNT} algo orders at once.`);
    this.placing.set(accountId, (this.placing.get(accountId) ?? 0) + 1);
    try {
      const row = await this.repo.insert({ ...NOTHING_YET, accountId, userId: principal.userId, type: spec.type, symbol: spec.symbol, spec, seed: randomInt(2 ** 31), totalLots, createdAt: this.clock.now() });
      const order = this.run(principal, row, instrument, undefined);
      await order.runner.start();
      const refused = order.watch.refused;
      if (refused) {
        await this.discard(order);
        // A parameter the algorithm refuses is named as every validation refusal names its field.
        throw new ApiError(refusalCode(refused.code), refused.message, refused.details);
      }
      if (order.failure !== null && !order.watch.algo) {
        await this.discard(order);
        throw new ApiError('UNAVAILABLE', `The algo order could not start: ${order.failure}`);
      }
      await this.save(order);
      return this.view(order);
    } finally {
      this.placing.set(accountId, (this.placing.get(accountId) ?? 1) - 1);
    }
  }

  /** The account's algo orders, newest first, running and ended alike. */
  async list(principal: Principal, query: { readonly limit?: number; readonly cursor?: Cursor }): Promise<Page<AlgoOrderView>> {
    const page = await this.repo.list(principal.accountId, query);
    return { items: page.items.map((row) => this.viewOfRow(row)), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: number): Promise<AlgoOrderView> {
    const order = this.live(principal, id);
    return order ? this.view(order) : this.viewOfRow(await this.stored(principal, id));
  }

  /** Cancels the working child orders and ends the algo order; what filled stays filled. An ended one is left as it is. */
  async cancel(principal: Principal, id: number): Promise<AlgoOrderView> {
    const order = this.live(principal, id);
    if (!order) return this.viewOfRow(await this.stored(principal, id));
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

  /**
   * Starts again every algo order the platform's last run left running, before anyone trades: what
   * its child orders filled counts as filled, the children still open work on, and the algorithm
   * sends only the rest, on its own schedule (a TWAP's slices keep their times; those that came due
   * meanwhile go out at once, and one whose deadline passed expires).
   */
  async resume(): Promise<void> {
    for (const row of await this.repo.unended()) {
      try {
        await this.resumeOne(row);
      } catch (error) {
        this.options.logger?.warn({ algoOrderId: row.id, err: error }, 'algo order not resumed');
        await this.endRow(row, 'failed', `Not resumed after a restart: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** The platform is stopping: each running algo order stops where it is, its child orders left working, its row left running for the next start. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.orders.values()].map((order) => (order.endedAt === null ? this.suspend(order) : this.finish(order))));
  }

  private async resumeOne(row: AlgoOrderRow): Promise<void> {
    const ctx = this.ctx();
    // Algo orders resumed before this one may have traded with its children: the store shows those fills once it has caught up.
    await ctx.exchange.caughtUp();
    const instrument = ctx.exchange.engine.instrument(row.symbol);
    if (!instrument) return this.endRow(row, 'failed', `Not resumed after a restart: ${row.symbol} is no longer listed.`);
    const user = await ctx.store.users.findById(row.userId);
    if (!user || user.status !== 'active') return this.endRow(row, 'cancelled', 'Not resumed after a restart: its user is disabled.');
    const unrecorded = await this.unrecordedChildren(row);
    if (unrecorded.ids.length > 0) this.options.logger?.warn({ algoOrderId: row.id, childOrderIds: unrecorded.ids }, 'algo order children found by name that its last write had not recorded');
    const childOrderIds = [...row.childOrderIds, ...unrecorded.ids];
    const ordersSent = row.ordersSent + unrecorded.ids.length;
    // The children's own fills, as the store has them: fills made after the last write of the row count too.
    let filledLots = 0;
    let filledNotional = 0;
    for (const childId of childOrderIds) {
      const child = await ctx.store.orders.byId(row.accountId, childId);
      filledLots += child?.filledQty ?? 0;
      filledNotional += child?.filledNotional ?? 0;
    }
    const average = ctx.format.averagePrice(row.symbol, filledNotional, filledLots);
    const resume: AlgoResume = { filledQty: ctx.format.qty(row.symbol, filledLots), avgPrice: average === null ? undefined : Number(average), ordersSent, childOrders: childOrderIds, lastChildNumber: unrecorded.lastNumber };
    const principal: Principal = { userId: row.userId, accountId: row.accountId, role: user.role, scopes: ['read', 'trade'] };
    const current = { ...row, filledLots, filledNotional, ordersSent, childOrderIds };
    const order = this.run(principal, current, instrument, resume);
    await order.runner.start();
    const problem = order.watch.refused?.message ?? (order.watch.algo ? undefined : (order.failure ?? 'it did not start'));
    if (problem !== undefined) {
      await this.letGo(order);
      return this.endRow(current, 'failed', `Not resumed after a restart: ${problem}`);
    }
    await this.save(order);
    this.options.logger?.info({ algoOrderId: row.id, type: row.type, symbol: row.symbol, filledLots }, 'algo order resumed');
  }

  /**
   * The algo order's children its row does not list, found by their names (see childOrderIdPrefix):
   * those sent just before the process died, with no chance to write the row again. Also the
   * highest child number used, so numbering goes on after it.
   */
  private async unrecordedChildren(row: AlgoOrderRow): Promise<{ ids: number[]; lastNumber: number }> {
    const orders = this.ctx().store.orders;
    const prefix = childOrderIdPrefix(row.id);
    const recorded = new Set(row.childOrderIds);
    const ids: number[] = [];
    let lastNumber = 0;
    let cursor: Cursor | undefined;
    do {
      const page = await orders.list(row.accountId, { symbol: row.symbol, from: row.createdAt, limit: MAX_PAGE_LIMIT, cursor });
      for (const order of page.items) {
        if (!order.clientOrderId?.startsWith(prefix)) continue;
        const number = Number(order.clientOrderId.slice(prefix.length));
        if (Number.isSafeInteger(number) && number > lastNumber) lastNumber = number;
        if (!recorded.has(order.id)) ids.push(order.id);
      }
      cursor = page.nextCursor === null ? undefined : parseCursor(page.nextCursor);
    } while (cursor !== undefined);
    return { ids: ids.sort((a, b) => a - b), lastNumber };
  }

  /** Makes the run of an algo order and keeps it; `start` it next. */
  private run(principal: Principal, row: AlgoOrderRow, instrument: Instrument, resume: AlgoResume | undefined): AlgoOrder {
    const ctx = this.ctx();
    const { id } = row;
    const spec = row.spec as AlgoSpec;
    const watch: AlgoWatch = {
      algo: undefined,
      refused: undefined,
      resume,
      suspending: false,
      ended: () => this.ended(id),
      filled: (fill) => this.filled(id, fill),
      changed: () => this.changed(id),
    };
    const runner = new StrategyRunner(algoStrategy(id, spec, row.createdAt, watch), {
      trading: new InProcessTradingPort(ctx, principal),
      feed: new InProcessFeedPort(ctx, principal.accountId),
      clock: this.clock,
      seed: row.seed,
      log: () => undefined,
      onError: (error) => this.failed(id, error),
    }) as StrategyRunner<unknown, unknown>;
    const order: AlgoOrder = {
      id,
      accountId: row.accountId,
      spec,
      instrument,
      totalLots: row.totalLots,
      filledLots: row.filledLots,
      filledTickLots: row.filledNotional,
      runner,
      watch,
      createdAt: row.createdAt,
      endedAt: null,
      failure: null,
      saving: Promise.resolve(),
      queued: false,
      stopping: undefined,
    };
    this.orders.set(id, order);
    return order;
  }

  private running(accountId: number): number {
    const running = [...this.orders.values()].filter((o) => o.accountId === accountId && o.endedAt === null).length;
    return running + (this.placing.get(accountId) ?? 0);
  }

  /** A running (or just ended) algo order of the principal's account. */
  private live(principal: Principal, id: number): AlgoOrder | undefined {
    const order = this.orders.get(id);
    return order && order.accountId === principal.accountId ? order : undefined;
  }

  private async stored(principal: Principal, id: number): Promise<AlgoOrderRow> {
    const row = await this.repo.byId(principal.accountId, id);
    // Another account's algo order is answered exactly like one that does not exist.
    if (!row) throw new ApiError('NOT_FOUND', NO_SUCH_ALGO_ORDER);
    return row;
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

  private changed(id: number): void {
    const order = this.orders.get(id);
    if (order) void this.save(order);
  }

  private failed(id: number, error: unknown): void {
    const order = this.orders.get(id);
    if (!order) return;
    order.failure = error instanceof Error ? error.message : String(error);
    order.endedAt ??= this.clock.now();
    setImmediate(() => void this.finish(order));
  }

  /** Stops the run of an ended algo order, writes how it ended, and lets go of it. */
  private finish(order: AlgoOrder): Promise<void> {
    order.stopping ??= (async () => {
      order.endedAt ??= this.clock.now();
      await order.runner.stop();
      await this.save(order);
      this.orders.delete(order.id);
    })();
    return order.stopping;
  }

  /** Stops the run for the platform's shutdown: the child orders stay, and the row says running with all it has sent. */
  private suspend(order: AlgoOrder): Promise<void> {
    order.watch.suspending = true;
    order.stopping ??= (async () => {
      await order.runner.stop();
      await this.save(order);
      this.orders.delete(order.id);
    })();
    return order.stopping;
  }

  /** A run that never started for good: stopped, let go of, and its row removed (its id is not handed out again). */
  private async discard(order: AlgoOrder): Promise<void> {
    await this.letGo(order);
    await this.repo.delete(order.id);
  }

  private async letGo(order: AlgoOrder): Promise<void> {
    this.orders.delete(order.id);
    await order.runner.stop();
    await order.saving;
  }

  private async endRow(row: AlgoOrderRow, state: 'failed' | 'cancelled', lastError: string): Promise<void> {
    await this.repo.update(row.id, { state, filledLots: row.filledLots, filledNotional: row.filledNotional, ordersSent: row.ordersSent, childOrderIds: row.childOrderIds, openOrderIds: [], lastError, endedAt: this.clock.now() });
    this.options.logger?.warn({ algoOrderId: row.id, state, lastError }, 'algo order ended at start-up');
  }

  /** Writes the algo order's progress after any write under way; writes asked for meanwhile are made once. */
  private save(order: AlgoOrder): Promise<void> {
    if (order.queued) return order.saving;
    order.queued = true;
    order.saving = order.saving
      .then(async () => {
        order.queued = false;
        await this.repo.update(order.id, this.progress(order));
      })
      .catch((error: unknown) => this.options.logger?.warn({ algoOrderId: order.id, err: error }, 'algo order progress not written'));
    return order.saving;
  }

  private progress(order: AlgoOrder): AlgoOrderProgress {
    const algo = order.watch.algo;
    const status = algo?.status();
    return {
      state: order.failure !== null ? 'failed' : (status?.state ?? 'new'),
      filledLots: order.filledLots,
      filledNotional: order.filledTickLots,
      ordersSent: status?.ordersSent ?? order.watch.resume?.ordersSent ?? 0,
      childOrderIds: algo?.childOrders() ?? order.watch.resume?.childOrders ?? [],
      openOrderIds: status?.openOrders ?? [],
      lastError: order.failure ?? status?.lastError ?? null,
      endedAt: order.endedAt,
    };
  }

  private view(order: AlgoOrder): AlgoOrderView {
    return algoOrderView(this.ctx().format, { id: order.id, symbol: order.spec.symbol, spec: order.spec, totalLots: order.totalLots, createdAt: order.createdAt, ...this.progress(order) });
  }

  /** A stored row's view, or the live one when the algo order runs here. */
  private viewOfRow(row: AlgoOrderRow): AlgoOrderView {
    const order = this.orders.get(row.id);
    return order ? this.view(order) : algoOrderView(this.ctx().format, row);
  }
}

/** A new algo order's progress: nothing sent or filled. */
const NOTHING_YET = { state: 'new', filledLots: 0, filledNotional: 0, ordersSent: 0, childOrderIds: [], openOrderIds: [], lastError: null, endedAt: null } as const;

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
