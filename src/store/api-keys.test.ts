// Tests for API keys on both dialects: listing and revoking only by the owner.
import { expect, it } from 'vitest';
import type { Store } from './database.ts';
import { T0, describeEachDialect } from './test-support.ts';

async function newUser(store: Store, name: string, accountId: number): Promise<number> {
  const created = await store.users.create({ username: name, passwordHash: 'h', role: 'trader', accountId });
  if (!created.ok) throw new Error(`could not create ${name}`);
  return created.user.id;
}

describeEachDialect('api keys', (suite) => {
  it('stores keys and lists them to their owner without hashes', async () => {
    const store = suite.store();
    const owner = await newUser(store, 'key-owner', 401);
    const other = await newUser(store, 'key-other', 402);
    const first = await store.apiKeys.insert({ id: 'k1', userId: owner, label: 'bot', secretHash: 's1', scopes: 'read,trade' });
    expect(first).toEqual({ id: 'k1', userId: owner, label: 'bot', secretHash: 's1', scopes: 'read,trade', createdAt: T0, revokedAt: null, lastUsedAt: null });
    suite.clock.now = T0 + 1;
    await store.apiKeys.insert({ id: 'k2', userId: owner, label: 'reader', secretHash: 's2', scopes: 'read' });
    await store.apiKeys.insert({ id: 'k3', userId: other, label: 'theirs', secretHash: 's3', scopes: 'read' });
    const listed = await store.apiKeys.listForUser(owner);
    expect(listed.map((key) => key.id)).toEqual(['k2', 'k1']);
    for (const key of listed) expect(key).not.toHaveProperty('secretHash');
    expect(await store.apiKeys.findById('k1')).toEqual(first);
    suite.clock.now = T0;
  });

  it('revokes a key only for its owner', async () => {
    const store = suite.store();
    const owner = await newUser(store, 'rev-owner', 403);
    const intruder = await newUser(store, 'rev-intruder', 404);
    await store.apiKeys.insert({ id: 'rk', userId: owner, label: 'x', secretHash: 's', scopes: 'read' });
    expect(await store.apiKeys.revoke(intruder, 'rk')).toBe(false);
    expect((await store.apiKeys.findById('rk'))?.revokedAt).toBeNull();
    expect(await store.apiKeys.revoke(owner, 'rk')).toBe(true);
    expect(await store.apiKeys.revoke(owner, 'rk')).toBe(false);
    expect(await store.apiKeys.revoke(owner, 'missing')).toBe(false);
    expect((await store.apiKeys.findById('rk'))?.revokedAt).toBe(T0);
  });

  it('records when a key was last used', async () => {
    const store = suite.store();
    const owner = await newUser(store, 'touch-owner', 405);
    await store.apiKeys.insert({ id: 'tk', userId: owner, label: 'x', secretHash: 's', scopes: 'read' });
    suite.clock.now = T0 + 60_000;
    await store.apiKeys.touchLastUsed('tk');
    expect((await store.apiKeys.findById('tk'))?.lastUsedAt).toBe(T0 + 60_000);
    suite.clock.now = T0;
  });
});
