// A start on a data directory whose journal another live process holds is refused before the store is opened or migrated:
// nothing is created or changed in that directory.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestPlatform } from '../support/platform.ts';
import { tempDir } from '../support/temp-dir.ts';

/** The lock line DirectoryLock writes for `pid`: the pid and its start time in clock ticks since boot (Linux /proc). */
async function lockLine(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return `${pid} ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}\n`;
}

describe('the data directory of a running Bourse', () => {
  it('refuses a second start before it creates or migrates the store, naming the process that holds the journal', async () => {
    const dataDir = await tempDir('bourse-lock-');
    const journal = join(dataDir, 'journal');
    await mkdir(journal);
    // Another live process (the one that started this test runner) holds the journal.
    const held = await lockLine(process.ppid);
    await writeFile(join(journal, 'LOCK'), held);
    await expect(TestPlatform.start({ dataDir })).rejects.toThrow(`journal directory ${journal} is in use by process ${process.ppid}`);
    expect(await readdir(dataDir)).toEqual(['journal']);
    expect(await readdir(journal)).toEqual(['LOCK']);
    expect(await readFile(join(journal, 'LOCK'), 'utf8')).toBe(held);
  });

  it('starts over a lock its dead owner left, and a second start in the same process is refused while it runs', async () => {
    const dataDir = await tempDir('bourse-lock-');
    await mkdir(join(dataDir, 'journal'));
    // Same pid as a live process but another start time: the owner is gone and its pid was reused.
    await writeFile(join(dataDir, 'journal', 'LOCK'), `${process.ppid} 1\n`);
    const platform = await TestPlatform.start({ dataDir });
    try {
      await expect(TestPlatform.start({ dataDir })).rejects.toThrow(/journal directory .* is already open in this process/);
      expect((await platform.api().call('GET', '/api/v1/instruments')).status).toBe(200);
    } finally {
      await platform.dispose();
    }
  });
});
