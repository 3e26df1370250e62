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
      user: { id: expect.any(Number) as number, username: 'alice', displayName: 'Alice', passwordHash: 'hash-a', role: 'admin', accountId: 101, createdAt: T0, passwordChangedAt: T0 },
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
