// One owner per journal directory: a LOCK file holding the owner's pid, taken over only when that process is gone.
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Two writers on one journal would interleave records and break the seq invariant, so a second
 * open fails. A lock left by a killed process (kill -9 is exactly what recovery is for) is stale
 * and is taken over; a lock held by a live process, this one included, is respected.
 */
export class DirectoryLock {
  private released = false;

  private constructor(readonly path: string) {}

  static async acquire(dir: string): Promise<DirectoryLock> {
    const path = join(dir, 'LOCK');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fh = await open(path, 'wx');
        await fh.writeFile(`${process.pid}\n`);
        await fh.close();
        return new DirectoryLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(`journal directory ${dir} is in use by process ${owner}`);
      }
      await unlink(path).catch(() => undefined);
    }
    throw new Error(`could not take the lock ${path}`);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await unlink(this.path).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
