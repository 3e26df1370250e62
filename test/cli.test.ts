// The `bourse` command as a user runs it: `demo` sessions, recovery, Ctrl-C and errors; `start` serving until SIGINT.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killServerProcesses, startServerProcess } from './support/server-process.ts';

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
  killServerProcesses();
  await rm(dir, { recursive: true, force: true });
});

describe('bourse demo', () => {
  it('runs a session, then recovers it from the snapshot and continues', async () => {
    const first = await bourse(['demo', '--data-dir', dir, '--orders', '300', '--seed', '7']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/recovered 0 journaled commands/);
    expect(first.stdout).toMatch(/300 orders from seed 7 acknowledged/);
    expect(first.stdout).toMatch(/invariants hold/);
    const seq = /at journal seq (\d+)/.exec(first.stdout)![1];
    const second = await bourse(['demo', '--data-dir', dir, '--orders', '10']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`recovered ${seq} journaled commands (snapshot at ${seq}, 0 replayed)`);
  });

  it('stops cleanly on Ctrl-C and keeps everything acknowledged', async () => {
    // Half a second into a session far too long to finish: the signal lands mid-trading.
    const interrupted = await bourse(['demo', '--data-dir', dir, '--orders', '5000000', '--seed', '3'], 'recovered', 500);
    expect(interrupted.code).toBe(0);
    expect(interrupted.stdout).toMatch(/stopping:/);
    expect(interrupted.stdout).toMatch(/\d+ orders from seed 3 acknowledged/);
    expect(interrupted.stdout).toMatch(/journal flushed and snapshot written/);
    const seq = Number(/at journal seq (\d+)/.exec(interrupted.stdout)![1]);
    const again = await bourse(['demo', '--data-dir', dir, '--orders', '0']);
    expect(again.stdout).toContain(`recovered ${seq} journaled commands`);
  });

  it('explains bad options and unusable data directories in one line', async () => {
    const badOrders = await bourse(['demo', '--data-dir', dir, '--orders', 'abc']);
    expect(badOrders.code).not.toBe(0);
    expect(badOrders.stderr).toMatch(/expected a whole number/);
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const badDir = await bourse(['demo', '--data-dir', file]);
    expect(badDir.code).toBe(1);
    expect(badDir.stderr.trim()).toBe(`error: ${file} exists and is not a directory`);
  });
});

describe('bourse start', () => {
  it('serves /healthz on the port it reports and stops cleanly on SIGINT', async () => {
    const server = await startServerProcess(['--data-dir', dir]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; journalSeq: number };
    expect(body.status).toBe('ok');
    expect(body.journalSeq).toBeGreaterThan(0);
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down: finishing requests, flushing the journal, writing a snapshot', 'Bourse stopped: journal flushed, snapshot written']));
    expect(server.stderr()).toBe('');
  });
});
