// The leaderboard over REST a page at a time: limit and cursor as on every list, bad values a 400; only participants (no system users, no users who never had capital); the CLI still shows every row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBourse } from '../support/cli-run.ts';
import { expectError } from '../support/expect-error.ts';
import { systemUserKey } from '../../src/store/index.ts';
import { ADMIN, TestPlatform, TEST_MARKETS } from '../support/platform.ts';
import { adminApi, newTrader } from '../support/traders.ts';

interface Board {
  currency: string;
  rows: Array<{ rank: number; userId: number; username: string }>;
  nextCursor: string | null;
}

let platform: TestPlatform;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  for (let i = 0; i < 3; i++) await newTrader(platform.url, { USD: String(1_000 * (i + 1)) });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

describe('GET /api/v1/leaderboard', () => {
  it('pages through every row with limit and cursor', async () => {
    const api = platform.api();
    const all = await api.ok<Board>('GET', '/api/v1/leaderboard');
    expect(all.rows.length).toBeGreaterThanOrEqual(3);
    expect(all.nextCursor).toBeNull();
    const paged: Board['rows'] = [];
    let cursor: string | null = null;
    do {
      const page: Board = await api.ok<Board>('GET', '/api/v1/leaderboard', { query: { limit: 2, ...(cursor === null ? {} : { cursor }) } });
      expect(page.rows.length).toBeLessThanOrEqual(2);
      expect(page.currency).toBe(all.currency);
      paged.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged.map((r) => [r.rank, r.userId])).toEqual(all.rows.map((r) => [r.rank, r.userId]));
  });

  it('refuses a bad limit or cursor with a 400 in the one error shape', async () => {
    const api = platform.api();
    for (const query of [{ limit: 'abc' }, { limit: 0 }, { limit: -1 }, { limit: 501 }, { limit: 1.5 }, { colour: 'red' }]) {
      expectError(await api.call('GET', '/api/v1/leaderboard', { query }), 400, 'INVALID_REQUEST');
    }
    expectError(await api.call('GET', '/api/v1/leaderboard', { query: { cursor: 'not a cursor!' } }), 400, 'INVALID_CURSOR');
  });

  it('leaves out the platform’s own users and users who never had capital; an admin who trades is ranked like anyone', async () => {
    const names = async () => (await platform.api().ok<Board>('GET', '/api/v1/leaderboard', { query: { limit: 500 } })).rows.map((r) => r.username);
    const idle = await newTrader(platform.url);
    // A user the platform made for itself (as the living market makes its owner) is no participant, even with capital.
    const system = await newTrader(platform.url, { USD: '500' });
    await platform.running.ctx.store.meta.set(systemUserKey(system.name), system.user.id);
    const shown = await names();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const name of [ADMIN.username, idle.name, system.name]) expect(shown).not.toContain(name);

    await (await adminApi(platform.url)).deposit('USD', '100');
    await expect.poll(names).toContain(ADMIN.username);
  });

  it('bourse leaderboard still lists every participant', async () => {
    const all = await platform.api().ok<Board>('GET', '/api/v1/leaderboard');
    const run = await runBourse(['leaderboard', '--url', platform.url, '--json', '--limit', '1000']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as Board['rows']).map((r) => r.username)).toEqual(all.rows.map((r) => r.username));
  }, 30_000);
});
