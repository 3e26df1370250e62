// The `bourse start` command as a user runs it: a session, a recovery, a clean Ctrl-C, clear errors.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `interruptWhen` sends SIGINT `delayMs` after stdout first contains that text. */
function bourse(args: string[], interruptWhen?: string, delayMs = 0): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (interruptWhen && !interrupted && stdout.includes(interruptWhen)) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bourse-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bourse start', () => {
  it('runs a session, then recovers it from the snapshot and continues', async () => {
    const first = await bourse(['start', '--data-dir', dir, '--orders', '300', '--seed', '7']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/recovered 0 journaled commands/);
    expect(first.stdout).toMatch(/300 orders from seed 7 acknowledged/);
    expect(first.stdout).toMatch(/invariants hold/);
    const seq = /at journal seq (\d+)/.exec(first.stdout)![1];
    const second = await bourse(['start', '--data-dir', dir, '--orders', '10']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`recovered ${seq} journaled commands (snapshot at ${seq}, 0 replayed)`);
  });

  it('stops cleanly on Ctrl-C and keeps everything acknowledged', async () => {
    // Half a second into a session far too long to finish: the signal lands mid-trading.
    const interrupted = await bourse(['start', '--data-dir', dir, '--orders', '5000000', '--seed', '3'], 'recovered', 500);
    expect(interrupted.code).toBe(0);
    expect(interrupted.stdout).toMatch(/stopping:/);
    expect(interrupted.stdout).toMatch(/\d+ orders from seed 3 acknowledged/);
    expect(interrupted.stdout).toMatch(/journal flushed and snapshot written/);
    const seq = Number(/at journal seq (\d+)/.exec(interrupted.stdout)![1]);
    const again = await bourse(['start', '--data-dir', dir, '--orders', '0']);
    expect(again.stdout).toContain(`recovered ${seq} journaled commands`);
  });

  it('explains bad options and unusable data directories in one line', async () => {
    const badOrders = await bourse(['start', '--data-dir', dir, '--orders', 'abc']);
    expect(badOrders.code).not.toBe(0);
    expect(badOrders.stderr).toMatch(/expected a whole number/);
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const badDir = await bourse(['start', '--data-dir', file]);
    expect(badDir.code).toBe(1);
    expect(badDir.stderr.trim()).toBe(`error: ${file} exists and is not a directory`);
  });
});
