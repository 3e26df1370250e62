// Test helpers: each suite once per dialect (in-memory SQLite, PostgreSQL in a throwaway schema), and read-model checks.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import { openStore, type Store } from './database.ts';
import { redact, type StoreDialect } from './dialect.ts';
import { CLOSED_STATUSES, OPEN_STATUSES, type OrderStatus } from './schema.ts';

export const TEST_PG_URL = process.env.BOURSE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** In CI a missing PostgreSQL is a failure, never a quiet skip. */
export const PG_REQUIRED = process.env.CI === 'true';

/** The time the test clock starts at (epoch ms). */
export const T0 = 1_700_000_000_000;

/** Why PostgreSQL cannot be used, or undefined when it answers; probed once per test file. */
export const pgProblem = await probePostgres(TEST_PG_URL);
if (pgProblem !== undefined && !PG_REQUIRED) {
  console.warn(`PostgreSQL tests skipped: ${redact(TEST_PG_URL)} is unreachable (${pgProblem}). Set BOURSE_TEST_PG_URL to point elsewhere; CI=true turns this into a failure.`);
}

/** A clock the tests move by hand; the stores opened here stamp times from it. */
export interface TestClock {
  now: number;
}

export interface DialectSuite {
  readonly dialect: StoreDialect;
  readonly clock: TestClock;
  /** The store of the running test: fresh per test with `perTest`, else shared by the suite. */
  store(): Store;
  /** Opens another store of this dialect (its own database), disposed of after the suite. */
  open(): Promise<Store>;
}

export interface SuiteOptions {
  /** A fresh, empty store for every test rather than one per suite. */
  readonly perTest?: boolean;
}

/** Declares `body` as one suite per dialect. */
export function describeEachDialect(title: string, body: (suite: DialectSuite) => void, options: SuiteOptions = {}): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skipped = dialect === 'postgres' && pgProblem !== undefined && !PG_REQUIRED;
    const name = skipped ? `${title} [postgres: skipped, ${redact(TEST_PG_URL)} unreachable]` : `${title} [${dialect}]`;
    (skipped ? describe.skip : describe)(name, () => declareSuite(dialect, body, options));
  }
}

function declareSuite(dialect: StoreDialect, body: (suite: DialectSuite) => void, options: SuiteOptions): void {
  const clock: TestClock = { now: T0 };
  const opened: Store[] = [];
  let current: Store | undefined;
  const open = async (): Promise<Store> => {
    const store = await openTestStore(dialect, clock);
    opened.push(store);
    return store;
  };
  const setup = async () => {
    clock.now = T0;
    current = await open();
  };
  const teardown = async () => {
    current = undefined;
    await Promise.all(opened.splice(0).map(disposeTestStore));
  };
  if (options.perTest) {
    beforeEach(setup);
    afterEach(teardown);
  } else {
    beforeAll(setup);
    afterAll(teardown);
  }
  body({
    dialect,
    clock,
    open,
    store: () => {
      if (current === undefined) throw new Error('the store is only open inside tests and hooks');
      return current;
    },
  });
}

/** A new empty store: SQLite in memory, or PostgreSQL in a schema of its own. */
export async function openTestStore(dialect: StoreDialect, clock: TestClock = { now: T0 }): Promise<Store> {
  const now = () => clock.now;
  if (dialect === 'sqlite') return openStore({ sqlitePath: ':memory:', now });
  if (pgProblem !== undefined) throw new Error(`PostgreSQL is required (CI=true) but ${redact(TEST_PG_URL)} is unreachable: ${pgProblem}`);
  return openStore({ databaseUrl: TEST_PG_URL, schema: `bourse_test_${process.pid}_${randomBytes(4).toString('hex')}`, poolSize: 4, now });
}

/** Closes a test store, dropping its PostgreSQL schema first. */
export async function disposeTestStore(store: Store): Promise<void> {
  if (store.schema !== undefined) await sql`drop schema if exists ${sql.id(store.schema)} cascade`.execute(store.db);
  await store.close();
}

/** Every projected row, in key order, for comparing read models. */
export async function dumpReadModel(store: Store) {
  const db = store.db;
  return {
    orders: await db.selectFrom('orders').selectAll().orderBy('id').execute(),
    fills: await db.selectFrom('fills').selectAll().orderBy('id').execute(),
    trades: await db.selectFrom('trades').selectAll().orderBy('tradeId').execute(),
    ledger: await db.selectFrom('ledger').selectAll().orderBy('seq').execute(),
    meta: await db.selectFrom('meta').selectAll().orderBy('key').execute(),
  };
}

/** What expectMatchesEngine reads from an engine (the engine itself fits; the store may not import it). */
export interface EngineView {
  liveOrders(
    accountId: number,
  ): ReadonlyArray<{ readonly id: number; readonly state: OrderStatus; readonly qty: number; readonly filled: number; readonly price: number; readonly stopPrice: number; readonly trail: { readonly extreme: number } | undefined }>;
  balance(accountId: number, asset: string): { readonly available: number; readonly held: number } | undefined;
}

/**
 * Checks the read model against the engine: live orders are open with the engine's quantities and prices,
 * ended orders are closed with nothing left, notionals sum their fills, and every account's last
 * ledger row holds the engine's balance.
 */
export async function expectMatchesEngine(store: Store, engine: EngineView, accounts: readonly number[]): Promise<void> {
  const orders = await store.db.selectFrom('orders').selectAll().execute();
  const live = new Map(accounts.flatMap((accountId) => engine.liveOrders(accountId)).map((order) => [order.id, order]));
  for (const row of orders) {
    const order = live.get(row.id);
    if (order === undefined) {
      expect(CLOSED_STATUSES, `order ${row.id}`).toContain(row.status);
      expect(row.leavesQty, `order ${row.id}`).toBe(0);
      if (row.status === 'filled') expect(row.filledQty).toBe(row.qty);
      continue;
    }
    const expected = order.state !== 'open' ? order.state : order.filled > 0 ? 'partially_filled' : 'open';
    expect({ id: row.id, status: row.status, qty: row.qty, filled: row.filledQty, leaves: row.leavesQty, price: row.price, stopPrice: row.stopPrice, waterMark: row.waterMark }).toEqual({
      id: order.id,
      status: expected,
      qty: order.qty,
      filled: order.filled,
      leaves: order.qty - order.filled,
      price: order.price || null,
      // A trailing stop's moves included.
      stopPrice: order.stopPrice || null,
      // The high or low a trailing stop trails, from its acceptance and each move.
      waterMark: order.trail?.extreme ?? null,
    });
  }
  expect(orders.filter((row) => OPEN_STATUSES.includes(row.status)).length).toBe(live.size);
  const notionals = await store.db
    .selectFrom('fills')
    .select((eb) => ['orderId', eb.fn.sum<number>(eb('price', '*', eb.ref('qty'))).as('notional')])
    .groupBy('orderId')
    .execute();
  const byOrder = new Map(orders.map((row) => [row.id, row]));
  for (const { orderId, notional } of notionals) expect(byOrder.get(orderId)?.filledNotional, `order ${orderId}`).toBe(notional);
  for (const accountId of accounts) {
    for (const asset of ['USD', 'ACME', 'BTC']) {
      const balance = engine.balance(accountId, asset);
      if (balance === undefined) continue;
      const [last] = (await store.ledger.list(accountId, { asset, limit: 1 })).items;
      expect(last && { available: last.available, held: last.held }, `${accountId} ${asset}`).toEqual({ available: balance.available, held: balance.held });
    }
  }
}

async function probePostgres(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return describeError(error);
  } finally {
    if (connected) await client.end();
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node reports a refused connection to several addresses as an AggregateError with no message.
  const code = (error as { code?: unknown }).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}
