// Tests for the journal id file: absent until written, written once and never replaced, refused when it holds no id.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { JOURNAL_ID_FILE, newJournalId, readJournalId, writeJournalId } from './journal-id.ts';
import { tempDir } from './test-support.ts';

it('reads nothing before the id is written, then the id; a second write is refused', async () => {
  const dir = await tempDir('bourse-journal-id-');
  expect(await readJournalId(dir)).toBeUndefined();
  const id = newJournalId();
  await writeJournalId(dir, id);
  expect(await readJournalId(dir)).toBe(id);
  await expect(writeJournalId(dir, newJournalId())).rejects.toThrow(/EEXIST/);
  expect(await readJournalId(dir)).toBe(id);
});

it('refuses a JOURNAL_ID file that holds no id', async () => {
  const dir = await tempDir('bourse-journal-id-');
  await writeFile(join(dir, JOURNAL_ID_FILE), 'not an id\n');
  await expect(readJournalId(dir)).rejects.toThrow(`${join(dir, JOURNAL_ID_FILE)} does not hold a journal id`);
});
