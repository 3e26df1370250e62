// The journal's identity: a random id in a JOURNAL_ID file next to the journal, made once, so a database can tell its own journal from another.
import { randomUUID } from 'node:crypto';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './journal-file.ts';

export const JOURNAL_ID_FILE = 'JOURNAL_ID';

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new journal id (a random UUID). */
export function newJournalId(): string {
  return randomUUID();
}

/** The id in `dir`'s JOURNAL_ID file; undefined when there is none. Throws when the file holds something else than an id. */
export async function readJournalId(dir: string): Promise<string | undefined> {
  const path = join(dir, JOURNAL_ID_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const id = text.trim();
  if (!ID_PATTERN.test(id)) throw new Error(`${path} does not hold a journal id (a UUID such as ${newJournalId()}); restore it from the backup of this data directory`);
  return id;
}

/**
 * Writes `id` as `dir`'s JOURNAL_ID. The file appears whole and durable (fsynced temp file linked
 * into place, then the directory fsynced) and is never replaced: an id already there stays, and
 * this throws.
 */
export async function writeJournalId(dir: string, id: string): Promise<void> {
  const path = join(dir, JOURNAL_ID_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  const fh = await open(temp, 'w');
  try {
    await fh.writeFile(`${id}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDir(dir);
}
