// What every execution algorithm shares: lifecycle, child-order bookkeeping, fill accounting, listeners.
//
// Invariants:
// - fills are counted once, from the fill events the strategy forwards (the ledger's own source),
//   never from placement answers;
// - an algorithm never has more working than it may still fill: `available()` subtracts what its
//   children could still fill, including fills a terminal report announced but whose events are
//   still on their way, so no sequence of reports makes it over-fill;
// - once ended, it sends nothing more, but late fills of its children are still counted.
import { isEnded } from '../order-tracker.ts';
import type { DoneResult, Failure, FillView, OrderInput, OrderView, QuoteEvent } from '../types.ts';
import { Grid } from './grid.ts';
import type { Scheduler } from './scheduler.ts';
import type { Algo, AlgoContext, AlgoFill, AlgoOrder, AlgoResume, AlgoState, AlgoStatus, DoneListener, FillListener, ParamProblem, StartResult } from './types.ts';

/** The strategy's own trading context, as a venue name in fills and route reports. */
export const PRIMARY_VENUE = 'primary';

/** What an algorithm is built with by the runner. */
export interface AlgoEnv {
  readonly id: string;
  readonly ctx: AlgoContext;
  readonly scheduler: Scheduler;
}

export interface Child {
  readonly id: number;
  readonly lots: number;
  /** Ticks of its limit price, when it has one: as placed, then as the algorithm replaced it (reports may be stale). */
  priceTicks: number | undefined;
  filledSeen: number;
  reportedFilled: number;
  ended: boolean;
  /** Set when the algorithm itself cancelled it (to re-place or at its end). */
  cancelledByAlgo: boolean;
  /** The venue accepted that cancel: the child no longer works, though fills made before it may still be on their way. */
  cancelAcked: boolean;
}

export type ChildInput = Omit<OrderInput, 'symbol' | 'side' | 'qty'>;

export function fail(code: string, message: string): Failure {
  return { ok: false, code, message };
}

/** A refusal of one parameter: the message names it, and `details` says which it is. */
function refuse(code: string, path: string, message: string): Failure & { readonly details: readonly ParamProblem[] } {
  return { ok: false, code, message, details: [{ path, message }] };
}

/** A parameter's problem, for validate(). */
export function problem(path: string, message: string): ParamProblem {
  return { path, message };
}

const OK: DoneResult = { ok: true };

export abstract class BaseAlgo<O extends AlgoOrder = AlgoOrder> implements Algo {
  abstract readonly kind: string;
  protected phase: AlgoState = 'new';
  protected totalLots = 0;
  protected filledLots = 0;
  protected sent = 0;
  /** The n of the last child named (see AlgoOrder.childOrderIdPrefix). */
  private childNumber = 0;
  protected lastError: string | undefined;
  /** The venue's answer to the last child order, when it was a refusal. */
  private lastRefusal: Failure | undefined;
  protected readonly children = new Map<number, Child>();
  /** Scheduled tasks to drop when the algorithm ends. */
  protected readonly unschedule: Array<() => void> = [];
  /** Started with an earlier run's work (see AlgoResume). */
  protected resumed = false;
  /** An earlier run's children that had ended before this run started: listed, not tracked. */
  private earlierChildren: readonly number[] = [];
  private gridOf: Grid | undefined;
  /** Sum of price x qty, for the average price shown in status only. */
  private notional = 0;
  private filledUnits = 0;
  private readonly fillListeners = new Set<FillListener>();
  private readonly doneListeners = new Set<DoneListener>();

  constructor(
    protected readonly env: AlgoEnv,
    protected readonly params: O,
  ) {}

  get id(): string {
    return this.env.id;
  }

  protected get ctx(): AlgoContext {
    return this.env.ctx;
  }

  protected get grid(): Grid {
    if (!this.gridOf) throw new Error(`algo ${this.id} used before start`);
    return this.gridOf;
  }

  /** Finished, with every child's final report in: nothing it could still hear would change it. */
  settled(): boolean {
    if (this.phase === 'new' || this.phase === 'running') return false;
    for (const child of this.children.values()) if (!child.ended || child.filledSeen < child.reportedFilled) return false;
    return true;
  }

  get running(): boolean {
    return this.phase === 'running';
  }

  async start(resume?: AlgoResume): Promise<StartResult> {
    if (this.phase !== 'new') return fail('ALGO_ALREADY_STARTED', `algo ${this.id} was started already`);
    const refused = this.refusal();
    if (refused) {
      // Refused before sending anything: it ends here, so the runner lets go of it.
      this.phase = 'failed';
      this.lastError = `${refused.code}: ${refused.message}`;
      return refused;
    }
    this.phase = 'running';
    if (resume) this.pickUp(resume);
    if (this.filledLots >= this.totalLots) await this.end('done');
    else await this.begin();
    return OK;
  }

  /**
   * Takes over an earlier run's work: what it filled counts as filled, and its children still open
   * work for this run, with their fills so far already in that count.
   */
  private pickUp(resume: AlgoResume): void {
    this.resumed = true;
    this.filledLots = Math.min(this.totalLots, this.grid.lots(resume.filledQty));
    if (resume.avgPrice !== undefined) {
      this.filledUnits = this.grid.qty(this.filledLots);
      this.notional = resume.avgPrice * this.filledUnits;
    }
    const earlier = new Set(resume.childOrders);
    for (const order of this.ctx.openOrders(this.params.symbol)) {
      if (!earlier.has(order.id)) continue;
      const child = this.adopt(order, this.grid.lotsOfText(order.raw.qty));
      child.filledSeen = child.reportedFilled;
    }
    this.sent = resume.ordersSent;
    this.childNumber = resume.lastChildNumber ?? 0;
    this.earlierChildren = resume.childOrders.filter((id) => !this.children.has(id));
  }

  childOrders(): readonly number[] {
    // Order ids grow with time, so ascending ids are the order they were sent in.
    return [...new Set([...this.earlierChildren, ...this.children.keys()])].sort((a, b) => a - b);
  }

  /** Why the parameters cannot run, if they cannot. */
  private refusal(): (Failure & { readonly details: readonly ParamProblem[] }) | undefined {
    const instrument = this.ctx.instrument(this.params.symbol);
    if (!instrument) return refuse('UNKNOWN_SYMBOL', 'symbol', `${this.params.symbol} is not listed on this venue`);
    this.gridOf = new Grid(instrument);
    this.totalLots = this.grid.lots(this.params.qty);
    if (this.totalLots <= 0) return refuse('INVALID_QUANTITY', 'qty', `qty ${String(this.params.qty)} is less than one lot of ${this.params.symbol}`);
    if (this.params.limitPrice !== undefined && !(this.params.limitPrice > 0)) return refuse('INVALID_PRICE', 'limitPrice', `limitPrice must be positive, got ${this.params.limitPrice}`);
    const bad = this.validate();
    return bad === undefined ? undefined : { ...refuse('INVALID_ALGO_PARAMS', bad.path, `${this.kind}: ${bad.message}`), details: [bad] };
  }

  async cancel(): Promise<DoneResult> {
    await this.end('cancelled');
    return OK;
  }

  status(): AlgoStatus {
    const grid = this.gridOf;
    const qty = (lots: number) => (grid ? grid.qty(lots) : 0);
    return {
      id: this.id,
      kind: this.kind,
      symbol: this.params.symbol,
      side: this.params.side,
      state: this.phase,
      qty: qty(this.totalLots),
      filledQty: qty(this.filledLots),
      remainingQty: qty(Math.max(0, this.totalLots - this.filledLots)),
      avgPrice: this.filledUnits > 0 ? this.notional / this.filledUnits : undefined,
      ordersSent: this.sent,
      openOrders: [...this.children.values()].filter((c) => !c.ended && !c.cancelAcked && c.filledSeen < c.lots).map((c) => c.id),
      lastError: this.lastError,
    };
  }

  onFill(listener: FillListener): () => void {
    this.fillListeners.add(listener);
    return () => this.fillListeners.delete(listener);
  }

  onDone(listener: DoneListener): () => void {
    this.doneListeners.add(listener);
    return () => this.doneListeners.delete(listener);
  }

  // ---- Forwarded events (the runner calls these) -----------------------------------------------

  async handleFill(fill: FillView): Promise<void> {
    const child = this.children.get(fill.orderId);
    if (!child || fill.symbol !== this.params.symbol) return;
    const lots = this.grid.lotsOfText(fill.raw.qty);
    child.filledSeen += lots;
    await this.record({ venue: PRIMARY_VENUE, orderId: fill.orderId, price: fill.price, qty: fill.qty, ts: fill.ts }, lots);
    if (this.running) await this.afterFill(child);
  }

  async handleOrder(order: OrderView): Promise<void> {
    const child = this.children.get(order.id);
    if (!child) return;
    this.note(child, order);
    if (this.running) await this.afterOrder(child, order);
  }

  async handleQuote(quote: QuoteEvent): Promise<void> {
    if (this.running && quote.symbol === this.params.symbol) await this.afterQuote(quote);
  }

  // ---- For the algorithms ----------------------------------------------------------------------

  /** The first parameter that cannot run, named by its option path. */
  protected abstract validate(): ParamProblem | undefined;
  protected abstract begin(): Promise<void>;
  protected afterFill(_child: Child): Promise<void> | void {}
  protected afterOrder(_child: Child, _order: OrderView): Promise<void> | void {}
  protected afterQuote(_quote: QuoteEvent): Promise<void> | void {}

  /** Lots the algorithm may still send: not filled, and not possibly filled by a working child. */
  protected available(): number {
    let reserved = 0;
    for (const child of this.children.values()) reserved += child.ended ? Math.max(0, child.reportedFilled - child.filledSeen) : child.lots - child.filledSeen;
    return Math.max(0, this.totalLots - this.filledLots - reserved);
  }

  /** Lots the exchange has reported filled on the children (placement answers, order reports) whose fill events have not come yet. */
  protected unseenFills(): number {
    let lots = 0;
    for (const child of this.children.values()) lots += Math.max(0, child.reportedFilled - child.filledSeen);
    return lots;
  }

  /** Children that may still fill: not ended, not filled. */
  protected workingChildren(): Child[] {
    return [...this.children.values()].filter((child) => !child.ended && child.filledSeen < child.lots);
  }

  /** Places a child order for `lots`; on a refusal, records why (lastError, lastRefusal) and returns undefined. */
  protected async place(lots: number, input: ChildInput): Promise<Child | undefined> {
    const prefix = this.params.childOrderIdPrefix;
    const named = prefix === undefined ? input : { ...input, clientOrderId: `${prefix}${++this.childNumber}` };
    const result = await this.ctx.order({ ...named, symbol: this.params.symbol, side: this.params.side, qty: this.grid.qtyText(lots) });
    if (!result.ok) {
      this.refused(result);
      this.ctx.log.warn(`${this.kind} child order refused`, { algo: this.id, code: result.code });
      return undefined;
    }
    this.wentThrough();
    const child = this.adopt(result.order, lots);
    // Ended (cancelled) while the placement was on its way: withdraw what arrived late.
    if (!this.running) await this.cancelChild(child);
    return child;
  }

  /**
   * After `place` was refused: a halted symbol is waited out, since the same order goes through once
   * trading resumes (the algorithm runs on, says why in lastError, and its next attempt sends what
   * is due then); any other refusal (funds, limits, a price out of the band) would only be refused
   * again, so it ends the algorithm as failed.
   */
  protected async afterRefusal(): Promise<void> {
    if (this.waitingForTrading()) {
      this.lastError = `${this.lastError ?? 'INSTRUMENT_HALTED'}; waiting for trading to resume`;
      return;
    }
    await this.end('failed');
  }

  /** Records a refused placement or replace: why, in lastError, and what to do next (see afterRefusal). */
  protected refused(result: Failure): void {
    this.lastRefusal = result;
    this.lastError = `${result.code}: ${result.message}`;
  }

  /** A placement or replace went through: a wait for trading that was reported is over. */
  protected wentThrough(): void {
    if (this.waitingForTrading()) this.lastError = undefined;
    this.lastRefusal = undefined;
  }

  /** Whether the last child order was refused because its symbol is halted (and none has gone through since). */
  protected waitingForTrading(): boolean {
    return this.lastRefusal?.code === 'INSTRUMENT_HALTED';
  }

  /** Tracks an order placed on the strategy's own account as a child: its fill events now count. */
  protected adopt(order: OrderView, lots: number): Child {
    this.sent++;
    const child: Child = { id: order.id, lots, priceTicks: order.price === undefined ? undefined : this.grid.ticks(order.price), filledSeen: 0, reportedFilled: 0, ended: false, cancelledByAlgo: false, cancelAcked: false };
    this.children.set(child.id, child);
    this.note(child, order);
    return child;
  }

  /**
   * Ends the algorithm when a child it did not cancel ended unfilled (cancelled or expired by
   * someone else, or rejected): true when it did.
   */
  protected async endIfLost(child: Child, order: OrderView): Promise<boolean> {
    // A stale report (the queued 'open' after a placement answer said 'filled') proves nothing.
    if (!isEnded(order.status) || order.status === 'filled' || child.cancelledByAlgo || child.reportedFilled >= child.lots) return false;
    this.lastError = `order ${order.id} ${order.status}${order.reason ? `: ${order.reason}` : ''}`;
    await this.end(order.status === 'rejected' ? 'failed' : 'cancelled');
    return true;
  }

  /** Cancels a working child; true when it is gone (or was already). */
  protected async cancelChild(child: Child): Promise<boolean> {
    if (child.ended || child.filledSeen >= child.lots) return true;
    child.cancelledByAlgo = true;
    const result = await this.ctx.cancel(child.id);
    if (result.ok) child.cancelAcked = true;
    return result.ok;
  }

  /** Counts a fill, tells the listeners, and ends the algorithm once everything is filled. */
  protected async record(fill: AlgoFill, lots: number): Promise<void> {
    this.filledLots += lots;
    this.notional += fill.price * fill.qty;
    this.filledUnits += fill.qty;
    const status = this.status();
    for (const listener of this.fillListeners) listener(fill, status);
    if (this.filledLots >= this.totalLots) await this.end('done');
  }

  /** Ends once: drops scheduled tasks, cancels working children, tells the listeners. */
  protected async end(state: Exclude<AlgoState, 'new' | 'running'>): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = state;
    for (const drop of this.unschedule.splice(0)) drop();
    for (const child of this.children.values()) await this.cancelChild(child);
    const status = this.status();
    for (const listener of this.doneListeners) listener(status);
  }

  /** Schedules a task for this algorithm, dropped if it ends first. */
  protected later(at: number, run: () => Promise<void> | void): void {
    this.unschedule.push(this.env.scheduler.at(at, () => (this.running ? run() : undefined)));
  }

  private note(child: Child, order: OrderView): void {
    child.reportedFilled = Math.max(child.reportedFilled, this.grid.lotsOfText(order.raw.filledQty));
    if (isEnded(order.status)) child.ended = true;
  }
}
