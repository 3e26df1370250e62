// Cash and holdings ledgers: every balance change goes through here and becomes a LedgerEntry event.
import type { LedgerReason } from '../core/events.ts';
import type { Account, Balance, Reservation } from './state.ts';
import type { EventLog } from './event-log.ts';
import { ledgerEntry } from './hot-events.ts';
import { IdMap } from './id-map.ts';

/** Account ids below this are found by array index (one pointer per id up to the largest opened). */
const DENSE_IDS = 1 << 20;

/**
 * Invariants (checked by Engine.validate):
 * - no available or held amount is ever negative;
 * - per asset, the sum of available + held over all accounts equals the asset's supply
 *   (deposits less withdrawals): trades and fees only move amounts between accounts;
 * - per account and asset, held equals the sum of that account's reservations.
 */
export class Clearing {
  /** Accounts in opening order (the order snapshots and hashes list them in). */
  readonly accounts = new Map<number, Account>();
  /**
   * The same accounts, for the per-order lookup: ids below DENSE_IDS index an array directly (no
   * hashing), larger ones an integer-keyed table, either much cheaper than a Map.
   */
  private readonly dense: Array<Account | undefined> = [];
  private readonly byId = new IdMap<Account>();
  readonly supply = new Map<string, number>();
  /** Asset code -> index into each account's `byAsset`. */
  private readonly assetIndexes = new Map<string, number>();

  constructor(private readonly log: EventLog) {}

  open(id: number): Account {
    const account: Account = { id, balances: new Map(), byAsset: [], firstOrder: undefined, lastOrder: undefined };
    this.accounts.set(id, account);
    if (id < DENSE_IDS) {
      while (this.dense.length < id) this.dense.push(undefined);
      this.dense[id] = account;
    } else this.byId.set(id, account);
    return account;
  }

  /** The account with this id, if it is open. */
  account(id: number): Account | undefined {
    // `id >>> 0 === id` holds only for integers in 0 .. 2^32 - 1, so bad input never indexes the array.
    if (id >>> 0 === id && id < DENSE_IDS) return this.dense[id];
    return this.byId.size === 0 ? undefined : this.byId.get(id);
  }

  /** Gives an asset its index; assets are never removed, so indexes are stable. */
  registerAsset(code: string): number {
    let index = this.assetIndexes.get(code);
    if (index === undefined) this.assetIndexes.set(code, (index = this.assetIndexes.size));
    return index;
  }

  assetIndex(code: string): number {
    const index = this.assetIndexes.get(code);
    if (index === undefined) throw new Error(`asset ${code} is not registered`);
    return index;
  }

  /** The hot-path form of `balance`: an account object and an asset index. */
  balanceAt(account: Account, index: number, asset: string): Balance {
    return account.byAsset[index] ?? this.create(account, index, asset);
  }

  /** The balance if it exists; reading never creates one, so a refused request changes nothing. */
  peek(accountId: number, asset: string): Balance | undefined {
    return this.accounts.get(accountId)?.balances.get(asset);
  }

  /** The balance of an existing account in `asset`, created empty on first use. */
  balance(accountId: number, asset: string): Balance {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`account ${accountId} does not exist`);
    return account.balances.get(asset) ?? this.create(account, this.assetIndex(asset), asset);
  }

  private create(account: Account, index: number, asset: string): Balance {
    const balance: Balance = { accountId: account.id, asset, available: 0, held: 0 };
    account.balances.set(asset, balance);
    account.byAsset[index] = balance;
    return balance;
  }

  deposit(balance: Balance, amount: number, memo: string | undefined): void {
    this.supply.set(balance.asset, (this.supply.get(balance.asset) ?? 0) + amount);
    this.change(balance, amount, 0, 'deposit', 0, memo);
  }

  withdraw(balance: Balance, amount: number, memo: string | undefined): void {
    this.supply.set(balance.asset, (this.supply.get(balance.asset) ?? 0) - amount);
    this.change(balance, -amount, 0, 'withdrawal', 0, memo);
  }

  /** Holds `amount` from the reservation's balance for its first holder; false when not enough is available. */
  reserve(reservation: Reservation, amount: number, orderId: number): boolean {
    if (reservation.heldFrom.available < amount) return false;
    reservation.held = amount;
    reservation.holders = 1;
    if (amount > 0) this.change(reservation.heldFrom, -amount, amount, 'hold', orderId, undefined);
    return true;
  }

  /** Sets a reservation to exactly `amount`, holding more or releasing the excess; false when it cannot grow. */
  resize(reservation: Reservation, amount: number, orderId: number): boolean {
    const delta = amount - reservation.held;
    if (delta === 0) return true;
    if (delta > 0 && reservation.heldFrom.available < delta) return false;
    reservation.held = amount;
    this.change(reservation.heldFrom, -delta, delta, delta > 0 ? 'hold' : 'release', orderId, undefined);
    return true;
  }

  /** Drops one holder of a reservation; the last one releases what is left. */
  unuse(reservation: Reservation, orderId: number): void {
    reservation.holders--;
    if (reservation.holders > 0 || reservation.held === 0) return;
    const rest = reservation.held;
    reservation.held = 0;
    this.change(reservation.heldFrom, rest, -rest, 'release', orderId, undefined);
  }

  /** Spends held funds from a reservation (a trade or a fee). */
  spend(reservation: Reservation, amount: number, reason: LedgerReason, refId: number): void {
    if (amount === 0) return;
    if (amount > reservation.held) throw new Error(`reservation ${reservation.id} overdrawn`);
    reservation.held -= amount;
    this.change(reservation.heldFrom, 0, -amount, reason, refId, undefined);
  }

  /** Adds (or, when negative, takes) an available amount. */
  credit(balance: Balance, amount: number, reason: LedgerReason, refId: number): void {
    if (amount !== 0) this.change(balance, amount, 0, reason, refId, undefined);
  }

  private change(balance: Balance, deltaAvailable: number, deltaHeld: number, reason: LedgerReason, refId: number, memo: string | undefined): void {
    balance.available += deltaAvailable;
    balance.held += deltaHeld;
    if (balance.available < 0 || balance.held < 0) throw new Error(`balance of account ${balance.accountId} in ${balance.asset} went negative`);
    const log = this.log;
    if (log.skip()) return;
    log.push(ledgerEntry(log.next(), log.ts, balance.accountId, balance.asset, reason, refId, deltaAvailable, deltaHeld, balance.available, balance.held, memo));
  }
}
