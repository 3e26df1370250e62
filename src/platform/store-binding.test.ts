// Tests for the store's binding to its journal: bound on the first start, refused with another journal or empty next to a used one, adopted by stores from before bindings.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { JOURNAL_ID_FILE } from '../journal/journal-id.ts';
import { JournalBindingRepo, type Store } from '../store/index.ts';
import { Exchange, type ExchangeOptions } from './exchange.ts';
import { QuietLogger, RISK_MARKETS, storesPerTest } from './risk/risk-test-support.ts';
import { StoreMismatchError } from './store-binding.ts';

const { dir, storeAt } = storesPerTest('bourse-binding-');

const open = (store: Store, journal = 'journal', options: Partial<ExchangeOptions> = {}) =>
  Exchange.open({ dataDir: join(dir(), journal), store, markets: RISK_MARKETS, logger: new QuietLogger(), tickMs: 0, ...options });

/** Starts and stops once; what open refused with, or undefined when it started. */
async function refusal(store: Store, journal = 'journal', options: Partial<ExchangeOptions> = {}): Promise<Error | undefined> {
  return open(store, journal, options).then(
    (exchange) => exchange.close().then(() => undefined),
    (error: unknown) => error as Error,
  );
}

/** A user with an engine account, as registration makes them. */
async function register(exchange: Exchange, store: Store, username: string): Promise<void> {
  const accountId = await exchange.openAccount();
  await store.users.create({ username, passwordHash: 'x', role: 'trader', accountId });
}

const journalIdIn = async (journal: string) => (await readFile(join(dir(), journal, JOURNAL_ID_FILE), 'utf8')).trim();

describe('store binding', () => {
  it('binds a new store to a new journal on the first start, and restarts with both', async () => {
    const store = await storeAt('bourse.sqlite');
    const exchange = await open(store);
    await register(exchange, store, 'alice');
    await exchange.close();
    const id = await journalIdIn('journal');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await new JournalBindingRepo(store.db).journalId()).toBe(id);
    expect(await refusal(store)).toBeUndefined();
    expect(await journalIdIn('journal')).toBe(id);
  });

  it('refuses a store bound to another journal: two data directories on one database', async () => {
    const store = await storeAt('bourse.sqlite');
    const first = await open(store, 'one');
    await register(first, store, 'alice');
    await first.close();
    // The second data directory's journal is used (it has its own id), then pointed at the first's database.
    const other = await storeAt('other.sqlite');
    await (await open(other, 'two')).close();
    const error = await refusal(store, 'two');
    expect(error).toBeInstanceOf(StoreMismatchError);
    expect(error?.message).toContain(`the database belongs to journal ${await journalIdIn('one')}, but the data directory's journal (${join(dir(), 'two')}) is ${await journalIdIn('two')}: they come from different installs`);
    // The refused start changed nothing: the store still belongs to the first journal.
    expect(await new JournalBindingRepo(store.db).journalId()).toBe(await journalIdIn('one'));
    expect(await store.users.count()).toBe(1);
  });

  it('refuses a bound store next to a new data directory', async () => {
    const store = await storeAt('bourse.sqlite');
    await (await open(store, 'one')).close();
    const error = await refusal(store, 'fresh');
    expect(error?.message).toContain(`but the data directory (${join(dir(), 'fresh')}) holds no journal`);
  });

  it('refuses a journal whose JOURNAL_ID file is missing and names the id to restore', async () => {
    const store = await storeAt('bourse.sqlite');
    const exchange = await open(store);
    await register(exchange, store, 'alice');
    await exchange.close();
    const id = await journalIdIn('journal');
    await rm(join(dir(), 'journal', JOURNAL_ID_FILE));
    const error = await refusal(store);
    expect(error?.message).toContain(`has no ${JOURNAL_ID_FILE} file`);
    expect(error?.message).toContain(`write ${id} into ${join(dir(), 'journal', JOURNAL_ID_FILE)}`);
    // Nothing was written: put back, the file starts the pair again.
    await writeFile(join(dir(), 'journal', JOURNAL_ID_FILE), `${id}\n`);
    expect(await refusal(store)).toBeUndefined();
  });

  it('refuses an empty store next to a journal with accounts, unless told to accept it', async () => {
    const store = await storeAt('bourse.sqlite');
    const exchange = await open(store);
    await register(exchange, store, 'alice');
    await register(exchange, store, 'bob');
    await exchange.close();

    const empty = await storeAt('empty.sqlite');
    const error = await refusal(empty);
    expect(error).toBeInstanceOf(StoreMismatchError);
    expect(error?.message).toContain('the database has no users, but the journal in');
    expect(error?.message).toContain('has opened 2 accounts');
    expect(error?.message).toContain('Users, API keys, sessions, risk limits and bots live only in the database');
    expect(await new JournalBindingRepo(empty.db).journalId()).toBeUndefined();

    const accepted = await open(empty, 'journal', { acceptEmptyStore: true });
    // The read models caught up from the journal; the next account opened is a new one.
    expect(await accepted.openAccount()).toBe(3);
    await accepted.close();
    expect(await new JournalBindingRepo(empty.db).journalId()).toBe(await journalIdIn('journal'));
    // Bound now: later starts need no flag, users or not.
    expect(await refusal(empty)).toBeUndefined();
  });

  it('lets an empty store start next to a journal that has opened no account', async () => {
    await (await open(await storeAt('first.sqlite'))).close();
    // The journal holds only the listings (no account), so nothing of a user's can be missing.
    await rm(join(dir(), 'journal', JOURNAL_ID_FILE));
    expect(await refusal(await storeAt('second.sqlite'))).toBeUndefined();
  });

  it('a store from before bindings, with users, adopts its journal id; the data directory gets one if it had none', async () => {
    const store = await storeAt('bourse.sqlite');
    const exchange = await open(store);
    await register(exchange, store, 'alice');
    await exchange.close();
    // As an install from before bindings left them: no binding row, no JOURNAL_ID file.
    await sql`delete from journal_binding`.execute(store.db);
    await rm(join(dir(), 'journal', JOURNAL_ID_FILE));
    const logger = new QuietLogger();
    expect(await refusal(store, 'journal', { logger })).toBeUndefined();
    const id = await journalIdIn('journal');
    expect(await new JournalBindingRepo(store.db).journalId()).toBe(id);
    expect(logger.lines.map((line) => line.message)).toContain('the database adopted the journal id of its data directory');
  });
});
