// Tests for the users repository on both dialects.
import { expect, it } from 'vitest';
import { parseCursor } from './cursor.ts';
import { T0, describeEachDialect } from './test-support.ts';

describeEachDialect('users', (suite) => {
  it('creates users with lower-cased unique names and unique accounts', async () => {
    const users = suite.store().users;
    const created = await users.create({ username: ' Alice ', passwordHash: 'hash-a', role: 'admin', accountId: 101 });
    expect(created).toEqual({
      ok: true,
      user: { id: expect.any(Number) as number, username: 'alice', displayName: 'Alice', passwordHash: 'hash-a', role: 'admin', status: 'active', accountId: 101, createdAt: T0, passwordChangedAt: T0 },
    });
    expect(await users.create({ username: 'ALICE', passwordHash: 'x', role: 'trader', accountId: 102 })).toEqual({ ok: false, conflict: 'username' });
    expect(await users.create({ username: 'bob', passwordHash: 'x', role: 'trader', accountId: 101 })).toEqual({ ok: false, conflict: 'accountId' });
    if (!created.ok) throw new Error('not created');
    expect(await users.findById(created.user.id)).toEqual(created.user);
    expect(await users.findByUsername('aLiCe')).toEqual(created.user);
    expect(await users.findByAccountId(101)).toEqual(created.user);
    expect(await users.findByUsername('nobody')).toBeUndefined();
  });

  it('changes passwords and roles', async () => {
    const users = suite.store().users;
    const created = await users.create({ username: 'carol', displayName: 'Carol C.', passwordHash: 'old', role: 'trader', accountId: 103 });
    if (!created.ok) throw new Error('not created');
    suite.clock.now = T0 + 5_000;
    expect(await users.updatePasswordHash(created.user.id, 'new')).toBe(true);
    expect(await users.setRole(created.user.id, 'admin')).toBe('changed');
    expect(await users.findById(created.user.id)).toMatchObject({ displayName: 'Carol C.', passwordHash: 'new', role: 'admin', createdAt: T0, passwordChangedAt: T0 + 5_000 });
    expect(await users.updatePasswordHash(999_999, 'x')).toBe(false);
    expect(await users.setRole(999_999, 'admin')).toBe('no-such-user');
    expect(await users.setRole(999_999, 'trader')).toBe('no-such-user');
  });

  it('keeps the last admin: of every admin demoted at once, exactly one stays', async () => {
    const users = suite.store().users;
    for (let i = 0; i < 3; i++) await users.create({ username: `admin${i}`, passwordHash: 'x', role: 'admin', accountId: 300 + i });
    const admins = async () => (await users.list({ limit: 500 })).items.filter((user) => user.role === 'admin').map((user) => user.id);
    const before = await admins();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const results = await Promise.all(before.map((id) => users.setRole(id, 'trader')));
    expect(results.filter((result) => result === 'changed')).toHaveLength(before.length - 1);
    expect(results.filter((result) => result === 'last-admin')).toHaveLength(1);
    const [last] = await admins();
    expect(await admins()).toEqual([before[results.indexOf('last-admin')]]);
    // The last admin may stay one, and may not stop being one; a trader may become one.
    expect(await users.setRole(last!, 'admin')).toBe('changed');
    expect(await users.setRole(last!, 'trader')).toBe('last-admin');
    const trader = before.find((id) => id !== last)!;
    expect(await users.setRole(trader, 'trader')).toBe('changed');
    expect(await users.setRole(trader, 'admin')).toBe('changed');
    expect(await users.setRole(last!, 'trader')).toBe('changed');
    expect(await admins()).toEqual([trader]);
  });

  it('disables and enables users, keeping one active admin: of every active admin disabled at once, exactly one stays', async () => {
    const users = suite.store().users;
    for (let i = 0; i < 3; i++) await users.create({ username: `boss${i}`, passwordHash: 'x', role: 'admin', accountId: 400 + i });
    const active = async () => (await users.list({ limit: 500 })).items.filter((user) => user.role === 'admin' && user.status === 'active').map((user) => user.id);
    const before = await active();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const results = await Promise.all(before.map((id) => users.setStatus(id, 'disabled')));
    expect(results.filter((result) => result.ok && result.changed)).toHaveLength(before.length - 1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'last-admin' }]);
    const last = before[results.findIndex((result) => !result.ok)]!;
    expect(await active()).toEqual([last]);
    // Disabled admins do not count: the last active one may not be demoted either.
    expect(await users.setRole(last, 'trader')).toBe('last-admin');
    const other = before.find((id) => id !== last)!;
    expect(await users.findById(other)).toMatchObject({ role: 'admin', status: 'disabled' });
    expect(await users.setStatus(other, 'disabled')).toMatchObject({ ok: true, changed: false, user: { id: other, status: 'disabled' } });
    // A disabled admin may be demoted: no active admin is lost.
    expect(await users.setRole(other, 'trader')).toBe('changed');
    expect(await users.setStatus(other, 'active')).toMatchObject({ ok: true, changed: true, user: { id: other, status: 'active', role: 'trader' } });
    expect(await users.setStatus(999_999, 'disabled')).toEqual({ ok: false, reason: 'no-such-user' });
    expect(await users.setStatus(999_999, 'active')).toEqual({ ok: false, reason: 'no-such-user' });
    for (const id of before) await users.setStatus(id, 'active');
    expect((await active()).length).toBe(before.length - 1);
  });

  it('lists users page by page without password hashes, and counts them', async () => {
    const users = suite.store().users;
    for (let i = 0; i < 7; i++) await users.create({ username: `lister${i}`, passwordHash: 'secret', role: 'trader', accountId: 200 + i });
    const total = await users.count();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await users.list({ limit: 3, ...(cursor === null ? {} : { cursor: parseCursor(cursor)! }) });
      for (const user of page.items) {
        expect(user).not.toHaveProperty('passwordHash');
        seen.push(user.id);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.length).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(total);
  });
});
