// Start-up check that the database and the data directory belong to one install: the store is bound to its journal's id, and an empty store next to a used journal is refused.
import { join } from 'node:path';
import { JOURNAL_ID_FILE, newJournalId, readJournalId, writeJournalId } from '../journal/journal-id.ts';
import { JournalBindingRepo, type Store } from '../store/index.ts';

/** Where the operator reads how to back up and restore, named in every refusal. */
const SEE_DOCS = 'See "Backup and restore" in docs/operations.md.';

/** What the store holds that no journal replay gives back. */
const ONLY_IN_DATABASE = 'Users, API keys, sessions, risk limits and bots live only in the database; the journal rebuilds orders, fills, ledgers and candles, but not them.';

/** The database and the data directory do not belong together; starting would lose or mix up users and accounts. */
export class StoreMismatchError extends Error {
  override name = 'StoreMismatchError';
}

export interface StoreBindingOptions {
  readonly store: Store;
  /** The journal directory (holds the JOURNAL_ID file). Its lock must be held. */
  readonly journalDir: string;
  /** The journal's last seq: 0 for a new journal. */
  readonly journalSeq: number;
  /** Engine accounts the journal has opened. */
  readonly accounts: number;
  /** Start on a database with no users next to a journal with accounts (case: database lost, no backup). */
  readonly acceptEmptyStore?: boolean;
  readonly now: number;
  readonly logger: { info(details: object, message: string): void; warn(details: object, message: string): void };
}

/**
 * Makes sure the store belongs to this journal, binding it on its first start. A store is bound to
 * one journal id for life, so two servers (two data directories) on one database, or a data
 * directory restored from another install, are refused before anything is written. A store never
 * bound with users in it is one from before bindings, and adopts the journal's id (the upgrade).
 * Returns the journal's id.
 */
export async function bindStoreToJournal(options: StoreBindingOptions): Promise<string> {
  const { store, journalDir, logger } = options;
  const bindings = new JournalBindingRepo(store.db);
  const bound = await bindings.journalId();
  const onDisk = await readJournalId(journalDir);
  const journalId = onDisk ?? newJournalId();
  if (bound !== undefined && bound !== journalId) throw new StoreMismatchError(mismatch(options, bound, onDisk));
  if (bound === undefined) {
    const users = await store.users.count();
    if (users === 0 && options.accounts > 0) {
      if (options.acceptEmptyStore !== true) throw new StoreMismatchError(emptyStore(options));
      logger.warn({ accounts: options.accounts }, `starting on an empty database next to a journal with ${options.accounts} accounts (--accept-empty-database): those accounts keep their funds and positions but have no user. ${ONLY_IN_DATABASE}`);
    }
    // The file first: a store bound to an id no data directory holds could never be used again.
    if (onDisk === undefined) await writeJournalId(journalDir, journalId);
    const winner = await bindings.bind(journalId, options.now);
    if (winner !== journalId) throw new StoreMismatchError(mismatch(options, winner, journalId));
    logger.info({ journalId, users }, users > 0 ? 'the database adopted the journal id of its data directory' : 'the database is bound to the journal of this data directory');
  }
  return journalId;
}

function mismatch(options: StoreBindingOptions, bound: string, onDisk: string | undefined): string {
  const path = join(options.journalDir, JOURNAL_ID_FILE);
  if (onDisk === undefined && options.journalSeq > 0) {
    return (
      `the database belongs to journal ${bound}, and the data directory's journal (${options.journalDir}, through seq ${options.journalSeq}) has no ${JOURNAL_ID_FILE} file. ` +
      `If this data directory was restored from a backup without that file, copy ${JOURNAL_ID_FILE} back from the backup; only if you are sure this journal is the one that database has always been used with, write ${bound} into ${path}. ` +
      `Otherwise use the database that belongs with this data directory. ${SEE_DOCS}`
    );
  }
  if (onDisk === undefined) {
    return (
      `the database belongs to journal ${bound}, but the data directory (${options.journalDir}) holds no journal: a database cannot be used with a new data directory. ` +
      `Point --data-dir at the data directory this database was used with, or use a new database for a new install. ${SEE_DOCS}`
    );
  }
  return (
    `the database belongs to journal ${bound}, but the data directory's journal (${options.journalDir}) is ${onDisk}: they come from different installs. ` +
    'A database holds the users and accounts of one install and goes with that install\'s data directory: two servers cannot share one database, ' +
    `and a data directory cannot be used with another install's database. Point --data-dir and DATABASE_URL at a pair that belongs together. ${SEE_DOCS}`
  );
}

function emptyStore(options: StoreBindingOptions): string {
  return (
    `the database has no users, but the journal in ${options.journalDir} has opened ${options.accounts} accounts (through seq ${options.journalSeq}): the database was lost or replaced. ` +
    `${ONLY_IN_DATABASE} Restore the database from the backup taken with this data directory, and start again. ` +
    'If there is no backup, bourse start --accept-empty-database starts anyway: the accounts keep their funds and positions but belong to no user, and everyone registers again and gets a new account. ' +
    SEE_DOCS
  );
}
