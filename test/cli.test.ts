// The `bourse` command as a user runs it: `demo` sessions, recovery, Ctrl-C and errors; `start` serving until SIGINT.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killServerProcesses, startServerProcess } from './support/server-process.ts';
import { tempDir } from './support/temp-dir.ts';

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
  dir = await tempDir('bourse-cli-');
});
afterEach(() => {
  killServerProcesses();
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

describe('bourse bots', () => {
  it('creates, lists, shows, updates, stops and deletes a bot of a running server, printing tables or JSON', async () => {
    const admin = { BOURSE_ADMIN_USERNAME: 'cli-admin', BOURSE_ADMIN_PASSWORD: 'cli-admin-password' };
    const server = await startServerProcess(['--data-dir', dir, '--bot-workers', '0'], admin);
    const login = ['--url', server.url, '--username', admin.BOURSE_ADMIN_USERNAME, '--password', admin.BOURSE_ADMIN_PASSWORD];
    const created = await bourse(['bots', 'create', 'walker', '--strategy', 'random-walk', '--symbols', 'AAPL', '--params', '{"intervalMs": 100, "referencePrice": 190}', '--deposit', 'AAPL=10', '--start', ...login]);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^name\s+walker$/m);
    expect(created.stdout).toMatch(/^state\s+running$/m);

    // An API key for the rest: each login costs a full password hash.
    const post = async <T>(path: string, body: unknown, token?: string) =>
      (await (await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json()) as T;
    const { accessToken } = await post<{ accessToken: string }>('/api/v1/auth/login', { username: admin.BOURSE_ADMIN_USERNAME, password: admin.BOURSE_ADMIN_PASSWORD });
    const { key } = await post<{ key: { id: string; secret: string } }>('/api/v1/api-keys', { label: 'cli', scopes: ['trade'] }, accessToken);
    const as = ['--url', server.url, '--api-key-id', key.id, '--api-key-secret', key.secret];
    const listed = await bourse(['bots', 'list', '--json', ...as]);
    const [bot] = JSON.parse(listed.stdout) as Array<{ id: number; name: string; accountId: number; ordersSent: number }>;
    expect(bot).toMatchObject({ name: 'walker' });
    const table = await bourse(['bots', 'list', ...as]);
    expect(table.stdout.split('\n')[0]).toMatch(/^id\s+name\s+strategy\s+symbols\s+state\s+orders\s+orders\/s\s+run P&L\s+equity\s+return %\s+errors\s+heartbeat$/);
    expect(table.stdout).toMatch(/walker\s+random-walk\s+AAPL\s+running/);
    // A bot that never ran has no run P&L and no heartbeat: shown with the dash every table uses for a missing figure.
    expect((await bourse(['bots', 'create', 'idle', '--strategy', 'random-walk', '--symbols', 'AAPL', ...as])).stdout).toMatch(/^heartbeat\s+—$/m);
    expect((await bourse(['bots', 'list', ...as])).stdout).toMatch(/^\s*\d+\s+idle\s+random-walk\s+AAPL\s+stopped\s+0\s+0\.0\s+—\s+.+\s+0\s+—$/m);
    expect((await bourse(['bots', 'delete', 'idle', ...as])).code).toBe(0);

    const nothing = await bourse(['bots', 'update', 'walker', ...as]);
    expect({ code: nothing.code, stderr: nothing.stderr.trim() }).toEqual({ code: 1, stderr: 'error: give --params, --symbols or both' });
    const updated = await bourse(['bots', 'update', 'walker', '--params', '{"intervalMs": 200, "referencePrice": 190}', '--json', ...as]);
    expect(JSON.parse(updated.stdout)).toMatchObject({ params: { intervalMs: 200 }, state: 'running' });
    expect((await bourse(['bots', 'stop', String(bot!.id), ...as])).stdout).toMatch(/^state\s+stopped$/m);
    // A bot's name is one without regard to case, as a username is.
    const shown = (await bourse(['bots', 'show', 'Walker', ...as])).stdout;
    expect(shown).toMatch(/^strategy\s+random-walk$/m);
    // The same figures as bots list: money at 2 decimals, the heartbeat as its age.
    expect(shown).toMatch(/^P&L \(this run\)\s+-?\d+\.\d\d$/m);
    expect(shown).toMatch(/^account\s+equity -?\d+\.\d\d, return -?[\d.]+%, \d+ trades$/m);
    expect(shown).toMatch(/^heartbeat\s+\d+s ago$/m);

    // With its account's kill switch on, the bot's buys are refused, and its status says so.
    await post('/api/v1/risk/kill-switch', { accountId: bot!.accountId, note: 'cli test' }, accessToken);
    await bourse(['bots', 'start', 'walker', ...as]);
    const refusals = async () => ((await (await fetch(`${server.url}/api/v1/bots/${bot!.id}`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { refusals: { count: number } }).refusals.count;
    await expect.poll(refusals, { timeout: 20_000, interval: 100 }).toBeGreaterThan(0);
    await bourse(['bots', 'stop', 'walker', ...as]);
    const status = await bourse(['bots', 'status', 'walker', ...as]);
    expect(status.stdout).toMatch(/^refused\s+\d+, last: KILL_SWITCH_ACTIVE: .+ \(\d{4}-\d\d-\d\dT[\d:.]+Z\)$/m);

    const refused = await bourse(['bots', 'create', 'bad', '--strategy', 'nope', '--symbols', 'AAPL', ...as]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^error: UNKNOWN_STRATEGY: Unknown strategy "nope"/);
    const anonymous = await bourse(['bots', 'list', '--url', server.url]);
    expect(anonymous.stderr).toMatch(/no credentials/);

    expect((await bourse(['bots', 'delete', 'walker', ...as])).stdout.trim()).toBe(`bot ${bot!.id} deleted`);
    expect((await bourse(['bots', 'list', ...as])).stdout.trim()).toBe('no bots');
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 180_000);
});

describe('bourse risk', () => {
  it('shows the status and limits, sets limits, turns the kill switch on and off, and lists the events', async () => {
    const admin = { BOURSE_ADMIN_USERNAME: 'risk-admin', BOURSE_ADMIN_PASSWORD: 'risk-admin-password' };
    const server = await startServerProcess(['--data-dir', dir, '--no-bots'], admin);
    const as = ['--url', server.url, '--username', admin.BOURSE_ADMIN_USERNAME, '--password', admin.BOURSE_ADMIN_PASSWORD];

    const status = await bourse(['risk', 'status', ...as]);
    expect(status.stderr).toBe('');
    expect(status.stdout).toMatch(/^trading\s+open$/m);
    const set = await bourse(['risk', 'set-limits', '--max-daily-loss', '500', '--max-drawdown-pct', '12.5', ...as]);
    expect(set.stdout).toMatch(/maxDailyLoss\s+500\s+self/);
    expect(set.stdout).toMatch(/maxDrawdownPct\s+12.5\s+self/);
    expect(JSON.parse((await bourse(['risk', 'limits', '--json', ...as])).stdout)).toMatchObject({ effective: { maxDailyLoss: { value: '500', source: 'self' } } });

    expect((await bourse(['risk', 'kill', '--note', 'maintenance', ...as])).stdout.trim()).toBe('kill switch on: open orders cancelled');
    expect((await bourse(['risk', 'status', ...as])).stdout).toMatch(/^trading\s+blocked, reduce-only since .*turned on by the account owner/m);
    expect((await bourse(['risk', 'reset', ...as])).stdout.trim()).toBe('kill switch off: trading is open again');
    const events = await bourse(['risk', 'events', ...as]);
    expect(events.stdout.split('\n')[0]).toMatch(/^time\s+event\s+what happened$/);
    expect(events.stdout).toMatch(/tripped\s+Kill switch turned on by the account owner: maintenance/);

    // A bot's account is its owner's to limit: --account with the bot's account id.
    const bot = JSON.parse((await bourse(['bots', 'create', 'limited', '--strategy', 'random-walk', '--symbols', 'AAPL', '--json', ...as])).stdout) as { accountId: number };
    const botLimits = await bourse(['risk', 'set-limits', '--max-orders-per-second', '5', '--account', String(bot.accountId), ...as]);
    expect(botLimits.stdout).toMatch(/maxOrdersPerSecond\s+5\s+self/);
    expect(JSON.parse((await bourse(['risk', 'limits', '--json', ...as])).stdout)).not.toHaveProperty('effective.maxOrdersPerSecond');

    // The layer is replaced whole: no limit at all clears it only when asked by name.
    const nothing = await bourse(['risk', 'set-limits', ...as]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('or --clear to remove them all');
    expect((await bourse(['risk', 'set-limits', '--clear', '--max-daily-loss', '5', ...as])).stderr).toContain('give it alone');
    expect(JSON.parse((await bourse(['risk', 'limits', '--json', ...as])).stdout)).toMatchObject({ effective: { maxDailyLoss: { value: '500' } } });
    expect((await bourse(['risk', 'set-limits', '--clear', ...as])).stdout.trim()).toMatch(/^account \d+: no limits$/);

    const refused = await bourse(['risk', 'set-limits', '--max-daily-loss', 'lots', ...as]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: INVALID_/m);
    expect(refused.stderr).toContain('maxDailyLoss must be a plain decimal string');
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 180_000);
});
