// One owner per journal directory: a LOCK file naming its owner process, taken over only when that process is gone.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Lock paths held by this process, so a second open here fails even though our own pid is alive. */
const heldHere = new Set<string>();

/**
 * Two writers on one journal would interleave records and break the seq invariant, so a second
 * open fails. A lock left by a killed process (kill -9 is exactly what recovery is for) is stale
 * and is taken over. The owner is named by pid and process start time: in a container the restarted
 * engine often gets the dead one's pid, and the start time tells them apart. The file is written
 * whole under a temporary name and linked into place, so nobody ever reads a half-written lock.
 * Two processes taking over the same stale lock at the same instant is not guarded against.
 */
export class DirectoryLock {
  private released = false;

  private constructor(readonly path: string) {}

  static async acquire(dir: string): Promise<DirectoryLock> {
    const path = join(dir, 'LOCK');
    if (heldHere.has(path)) throw new Error(`journal directory ${dir} is already open in this process`);
    const owner = `${process.pid} ${startTime(process.pid) ?? '-'}\n`;
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(temp, owner);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await link(temp, path);
          heldHere.add(path);
          return new DirectoryLock(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const text = await readFile(path, 'utf8').catch(() => '');
        const [pid, started] = text.trim().split(' ');
        const ownerPid = Number.parseInt(pid ?? '', 10);
        if (isLive(ownerPid, started)) throw new Error(`journal directory ${dir} is in use by process ${ownerPid}`);
        await unlink(path).catch(() => undefined);
      }
      throw new Error(`could not take the lock ${path}`);
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    await unlink(this.path).catch(() => undefined);
  }
}

/** Whether the lock's owner still runs: same pid alive and, where the system tells, same start time. */
function isLive(pid: number, started: string | undefined): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  // Our own pid in a lock we do not hold: a previous run of a container that reused the pid.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(pid);
  return started === undefined || started === '-' || now === undefined || now === started;
}

/** The process start time in clock ticks since boot (Linux), or undefined where /proc is not there. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state, field 3; start time is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
