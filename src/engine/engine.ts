// The matching engine: a deterministic state machine. A command goes in, numbered events come out.
import { MAX_STATUS_REASON, TRADING_STATUSES, type AddAsset, type AddInstrument, type Command, type Deposit, type OpenAccount, type SetReferencePrice, type SetRiskLimits, type SetTradingStatus, type TradingStatus, type Withdraw } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import type { OrderRequest } from '../core/orders.ts';
import type { ReasonCode } from '../core/reasons.ts';
import { bandHigh, bandLow, resolveInstrument, type AssetSpec, type Instrument } from '../core/instrument.ts';
import { ASSET_CODE, FEE_ACCOUNT, isPositiveInt, MAX_AMOUNT, MAX_PRICE_TICKS, MAX_QTY_LOTS } from '../core/limits.ts';
import type { OrderBook } from './book/order-book.ts';
import type { RiskLimits } from './order-checks.ts';
import { cancelAll, cancelOrder, endSession, expireDue, rejectRequest, replaceOrder } from './amend.ts';
import { clientKey, EngineState, type EngineOptions } from './engine-state.ts';
import { checkInvariants } from './invariants.ts';
import { drainPending, queueWaitingBrackets } from './lifecycle.ts';
import { orderHold, orderProblem, placeBracket, placeOco, placeOrder, type OrderHold } from './placement.ts';
import { restoreState, snapshotState, type EngineSnapshot } from './snapshot.ts';
import { hashState } from './state-hash.ts';
import { StopBook } from './stops.ts';
import { ordersOf, setLastPrice, type Balance, type LiveOrder } from './state.ts';

export type { EngineOptions } from './engine-state.ts';
export type { EngineSnapshot } from './snapshot.ts';
export type { OrderHold } from './placement.ts';

export class Engine {
  private readonly s: EngineState;

  constructor(options: EngineOptions = {}) {
    this.s = new EngineState(options);
  }

  /** Applies one command and returns the events it caused, numbered from eventSeq + 1. */
  apply(command: Command): EngineEvent[] {
    this.run(command);
    return this.s.log.drain();
  }

  /**
   * Applies a command exactly as `apply` does but builds no events: for replaying a journal, whose
   * events were delivered before. State, sequence numbers and stateHash() end up identical.
   */
  replay(command: Command): void {
    const log = this.s.log;
    log.quiet = true;
    try {
      // A quiet log collects nothing, so there is nothing to drain.
      this.run(command);
    } finally {
      log.quiet = false;
    }
  }

  private run(command: Command): void {
    const s = this.s;
    // Time never runs backwards inside the engine, whatever a caller sends. (Read once: commands
    // come in many shapes, so each read of a command's field is a slow, generic one.)
    const given: unknown = command?.ts;
    const ts = typeof given === 'number' && Number.isSafeInteger(given) ? given : s.log.ts;
    s.log.ts = Math.max(s.log.ts, ts);
    expireDue(s, s.log.ts);
    drainPending(s);
    this.dispatch(command);
    drainPending(s);
  }

  private dispatch(command: Command): void {
    const s = this.s;
    // The order flow comes first: cases are tested in order.
    switch (command?.type) {
      case 'placeOrder':
        return placeOrder(s, command.order);
      case 'cancelOrder':
        return cancelOrder(s, command);
      case 'replaceOrder':
        return replaceOrder(s, command);
      case 'cancelAll':
        return cancelAll(s, command);
      case 'placeOco':
        return placeOco(s, command);
      case 'placeBracket':
        return placeBracket(s, command);
      case 'deposit':
        return this.deposit(command);
      case 'withdraw':
        return this.withdraw(command);
      case 'advanceTime':
        return;
      case 'endSession':
        return endSession(s, command);
      case 'addAsset':
        return this.addAsset(command);
      case 'addInstrument':
        return this.addInstrument(command);
      case 'openAccount':
        return this.openAccount(command);
      case 'setRiskLimits':
        return this.setRiskLimits(command);
      case 'setReferencePrice':
        return this.setReferencePrice(command);
      case 'setTradingStatus':
        return this.setTradingStatus(command);
      default:
        return rejectRequest(s, 'unknown', 'INVALID_REQUEST', undefined, undefined);
    }
  }

  private addAsset(command: AddAsset): void {
    const s = this.s;
    const asset = command.asset;
    if (!asset || typeof asset.code !== 'string' || !ASSET_CODE.test(asset.code) || !Number.isInteger(asset.scale) || asset.scale < 0 || asset.scale > 18) {
      return rejectRequest(s, 'addAsset', 'INVALID_REQUEST', undefined, undefined);
    }
    if (s.assets.has(asset.code)) return rejectRequest(s, 'addAsset', 'ALREADY_EXISTS', undefined, undefined);
    const spec = { code: asset.code, scale: asset.scale };
    s.assets.set(asset.code, spec);
    s.clearing.registerAsset(asset.code);
    s.log.push({ type: 'AssetAdded', seq: s.log.next(), ts: s.log.ts, asset: spec });
  }

  private addInstrument(command: AddInstrument): void {
    const s = this.s;
    const spec = command.instrument;
    if (!spec || typeof spec !== 'object') return rejectRequest(s, 'addInstrument', 'INVALID_INSTRUMENT', undefined, undefined);
    if (s.markets.has(spec.symbol)) return rejectRequest(s, 'addInstrument', 'ALREADY_EXISTS', undefined, undefined);
    const resolved = resolveInstrument(spec, (code) => s.assets.get(code)?.scale);
    if (!resolved.ok) return rejectRequest(s, 'addInstrument', 'INVALID_INSTRUMENT', undefined, undefined);
    this.listMarket(resolved.instrument, resolved.instrument.referencePrice);
    s.log.push({ type: 'InstrumentAdded', seq: s.log.next(), ts: s.log.ts, instrument: resolved.instrument.spec });
  }

  /** @internal Also used by snapshot restore. */
  listMarket(instrument: Instrument, lastPrice: number): void {
    const s = this.s;
    s.markets.set(instrument.symbol, {
      instrument,
      feeBalance: s.clearing.balance(FEE_ACCOUNT, instrument.quote),
      baseIndex: s.clearing.assetIndex(instrument.base),
      quoteIndex: s.clearing.assetIndex(instrument.quote),
      book: s.bookFactory(instrument.symbol),
      stops: new StopBook(),
      lastPrice,
      bandLow: bandLow(lastPrice, instrument.bandBps),
      bandHigh: bandHigh(lastPrice, instrument.bandBps),
      status: 'trading',
      statusReason: '',
    });
  }

  private openAccount(command: OpenAccount): void {
    const s = this.s;
    if (!isPositiveInt(command.accountId, 2 ** 31 - 1)) return rejectRequest(s, 'openAccount', 'INVALID_REQUEST', undefined, undefined);
    if (s.clearing.accounts.has(command.accountId)) return rejectRequest(s, 'openAccount', 'ALREADY_EXISTS', command.accountId, undefined);
    s.clearing.open(command.accountId);
    s.log.push({ type: 'AccountOpened', seq: s.log.next(), ts: s.log.ts, accountId: command.accountId });
  }

  private deposit(command: Deposit): void {
    const s = this.s;
    const problem = this.transferProblem(command);
    if (problem) return rejectRequest(s, 'deposit', problem, command.accountId, undefined);
    if ((s.clearing.supply.get(command.asset) ?? 0) + command.amount > MAX_AMOUNT) return rejectRequest(s, 'deposit', 'AMOUNT_TOO_LARGE', command.accountId, undefined);
    s.clearing.deposit(s.clearing.balance(command.accountId, command.asset), command.amount, typeof command.memo === 'string' ? command.memo : undefined);
  }

  private withdraw(command: Withdraw): void {
    const s = this.s;
    const problem = this.transferProblem(command);
    if (problem) return rejectRequest(s, 'withdraw', problem, command.accountId, undefined);
    const balance = s.clearing.peek(command.accountId, command.asset);
    if (!balance || balance.available < command.amount) return rejectRequest(s, 'withdraw', 'INSUFFICIENT_FUNDS', command.accountId, undefined);
    s.clearing.withdraw(balance, command.amount, typeof command.memo === 'string' ? command.memo : undefined);
  }

  private transferProblem(command: Deposit | Withdraw) {
    const s = this.s;
    if (!s.clearing.accounts.has(command.accountId) || command.accountId === FEE_ACCOUNT) return 'UNKNOWN_ACCOUNT' as const;
    if (!s.assets.has(command.asset)) return 'UNKNOWN_ASSET' as const;
    if (!isPositiveInt(command.amount, MAX_AMOUNT)) return 'INVALID_AMOUNT' as const;
    return undefined;
  }

  /** Moves the market's reference (its last price) and the band with it; stops trigger on trades only, so none fires here. */
  private setReferencePrice(command: SetReferencePrice): void {
    const s = this.s;
    const market = s.markets.get(command.symbol);
    if (!market) return rejectRequest(s, 'setReferencePrice', 'UNKNOWN_SYMBOL', undefined, undefined);
    if (!isPositiveInt(command.price, MAX_PRICE_TICKS)) return rejectRequest(s, 'setReferencePrice', 'INVALID_PRICE', undefined, undefined);
    setLastPrice(market, command.price);
  }

  /**
   * Halts or resumes one symbol. A resume queues the activation of brackets whose entry ended with a
   * fill while the symbol was halted (their legs waited, see `activate`); nothing else happens on it.
   */
  private setTradingStatus(command: SetTradingStatus): void {
    const s = this.s;
    const market = s.markets.get(command.symbol);
    if (!market) return rejectRequest(s, 'setTradingStatus', 'UNKNOWN_SYMBOL', undefined, undefined);
    const reason: unknown = command.reason;
    const validReason = reason === undefined || (typeof reason === 'string' && reason.length <= MAX_STATUS_REASON);
    if (!(TRADING_STATUSES as readonly unknown[]).includes(command.status) || !validReason) return rejectRequest(s, 'setTradingStatus', 'INVALID_REQUEST', undefined, undefined);
    const resumed = market.status === 'halted' && command.status === 'trading';
    market.status = command.status;
    market.statusReason = reason ?? '';
    s.log.push({ type: 'TradingStatusChanged', seq: s.log.next(), ts: s.log.ts, symbol: command.symbol, status: command.status, reason: reason === undefined ? undefined : reason });
    if (resumed) queueWaitingBrackets(s, market);
  }

  private setRiskLimits(command: SetRiskLimits): void {
    const s = this.s;
    if (!s.clearing.accounts.has(command.accountId)) return rejectRequest(s, 'setRiskLimits', 'UNKNOWN_ACCOUNT', command.accountId, undefined);
    if (!s.markets.has(command.symbol)) return rejectRequest(s, 'setRiskLimits', 'UNKNOWN_SYMBOL', command.accountId, undefined);
    const valid = (value: number | undefined) => value === undefined || isPositiveInt(value, Math.max(MAX_AMOUNT, MAX_QTY_LOTS));
    if (!valid(command.maxOrderQty) || !valid(command.maxOrderNotional) || !valid(command.maxPosition)) return rejectRequest(s, 'setRiskLimits', 'INVALID_REQUEST', command.accountId, undefined);
    const limits = { maxOrderQty: command.maxOrderQty, maxOrderNotional: command.maxOrderNotional, maxPosition: command.maxPosition };
    let perAccount = s.riskLimits.get(command.accountId);
    if (!perAccount) s.riskLimits.set(command.accountId, (perAccount = new Map<string, RiskLimits>()));
    perAccount.set(command.symbol, limits);
    s.log.push({ type: 'RiskLimitsSet', seq: s.log.next(), ts: s.log.ts, accountId: command.accountId, symbol: command.symbol, ...limits });
  }

  /** Sequence number of the last event emitted. */
  get eventSeq(): number {
    return this.s.log.seq;
  }

  /** The id the next order accepted gets: it moves on only when a command creates orders. */
  get nextOrderId(): number {
    return this.s.nextOrderId;
  }

  /** Time of the last command applied. */
  get time(): number {
    return this.s.log.ts;
  }

  balance(accountId: number, asset: string): Readonly<Balance> | undefined {
    return this.s.clearing.accounts.get(accountId)?.balances.get(asset);
  }

  /** A live order (open, untriggered or waiting for its bracket entry). */
  order(orderId: number): Readonly<LiveOrder> | undefined {
    return this.s.orders.get(orderId);
  }

  /**
   * The reason a placeOrder of `request` would be refused right now by the checks placing runs
   * (shape, grid bounds, price band, the account's risk limits), or undefined when it passes them.
   * Funds are not looked at. A query: it changes no state and emits nothing.
   */
  orderProblem(request: OrderRequest): ReasonCode | undefined {
    return orderProblem(this.s, request);
  }

  /**
   * What a placeOrder of `request` would reserve right now (cash for a buy, the base asset for a
   * sell) and what the account has available of it; undefined when `orderProblem` refuses it. A
   * query: it changes no state and emits nothing.
   */
  orderHold(request: OrderRequest): OrderHold | undefined {
    return orderHold(this.s, request);
  }

  /** The risk limits an account has for a symbol, if any were set. */
  riskLimits(accountId: number, symbol: string): Readonly<RiskLimits> | undefined {
    return this.s.riskLimits.get(accountId)?.get(symbol);
  }

  /** The id of the account's order with this client order id (live or ended), if it was ever accepted. */
  orderIdByClientId(accountId: number, clientOrderId: string): number | undefined {
    return this.s.clientOrderIds.get(clientKey(accountId, clientOrderId));
  }

  book(symbol: string): OrderBook | undefined {
    return this.s.markets.get(symbol)?.book;
  }

  instrument(symbol: string): Instrument | undefined {
    return this.s.markets.get(symbol)?.instrument;
  }

  /** Every listed instrument, in listing order. */
  instruments(): Instrument[] {
    return [...this.s.markets.values()].map((market) => market.instrument);
  }

  asset(code: string): AssetSpec | undefined {
    return this.s.assets.get(code);
  }

  assets(): AssetSpec[] {
    return [...this.s.assets.values()];
  }

  /** The highest account id opened so far (0, the fee account, when none). */
  lastAccountId(): number {
    let last = 0;
    for (const id of this.s.clearing.accounts.keys()) if (id > last) last = id;
    return last;
  }

  /** The earliest GTD expiry still pending, if any (it may belong to an order that already ended). */
  nextExpiry(): number | undefined {
    return this.s.liveGtd > 0 ? this.s.expiries.peekKey() : undefined;
  }

  hasAccount(accountId: number): boolean {
    return this.s.clearing.accounts.has(accountId);
  }

  /** Every balance of an account, by asset code. */
  balances(accountId: number): Array<Readonly<Balance>> {
    const account = this.s.clearing.accounts.get(accountId);
    return account ? [...account.balances.values()] : [];
  }

  /** Whether a symbol trades or is halted, and the reason its status was last set for ('' for none). */
  tradingStatus(symbol: string): { readonly status: TradingStatus; readonly reason: string } | undefined {
    const market = this.s.markets.get(symbol);
    return market && { status: market.status, reason: market.statusReason };
  }

  lastPrice(symbol: string): number | undefined {
    return this.s.markets.get(symbol)?.lastPrice;
  }

  /** Per asset: supply and the sum of every account's available and held amounts. */
  totals(): Map<string, { supply: number; balances: number }> {
    const totals = new Map<string, { supply: number; balances: number }>();
    for (const [asset, supply] of this.s.clearing.supply) totals.set(asset, { supply, balances: 0 });
    for (const account of this.s.clearing.accounts.values()) {
      for (const [asset, balance] of account.balances) {
        const entry = totals.get(asset) ?? { supply: 0, balances: 0 };
        entry.balances += balance.available + balance.held;
        totals.set(asset, entry);
      }
    }
    return totals;
  }

  /** Whether any live DAY order rests or waits on the symbol: whether `endSession` would expire something. */
  hasDayOrders(symbol: string): boolean {
    for (const order of this.s.orders.sortedValues()) if (order.tif === 'day' && order.market.instrument.symbol === symbol) return true;
    return false;
  }

  /** Live orders of an account, in id order. */
  liveOrders(accountId: number): LiveOrder[] {
    const account = this.s.clearing.accounts.get(accountId);
    return account ? ordersOf(account) : [];
  }

  stateHash(): string {
    return hashState(this.s);
  }

  /** Throws when any invariant is broken: crossed books, negative or unconserved balances, holds. */
  validate(): void {
    checkInvariants(this.s);
  }

  snapshot(): EngineSnapshot {
    return snapshotState(this.s);
  }

  static restore(snapshot: EngineSnapshot, options: EngineOptions = {}): Engine {
    const engine = new Engine(options);
    restoreState(engine.s, snapshot, (instrument, lastPrice) => engine.listMarket(instrument, lastPrice));
    return engine;
  }
}

export type { LiveOrder };
