// Tests for refresh tokens on both dialects: rotation, reuse detection and family revocation.
import { expect, it } from 'vitest';
import type { Store } from './database.ts';
import { T0, describeEachDialect } from './test-support.ts';

const HOUR = 3_600_000;

async function newUser(store: Store, name: string, accountId: number): Promise<number> {
  const created = await store.users.create({ username: name, passwordHash: 'h', role: 'trader', accountId });
  if (!created.ok) throw new Error(`could not create ${name}`);
  return created.user.id;
}

describeEachDialect('refresh tokens', (suite) => {
  it('stores, rotates once and revokes single tokens', async () => {
    const store = suite.store();
    const tokens = store.refreshTokens;
    const userId = await newUser(store, 'tok-single', 301);
    await tokens.insert({ id: 't1', userId, familyId: 'f1', tokenHash: 'h1', expiresAt: T0 + HOUR });
    expect(await tokens.findById('t1')).toEqual({ id: 't1', userId, familyId: 'f1', tokenHash: 'h1', createdAt: T0, expiresAt: T0 + HOUR, rotatedAt: null, revokedAt: null });
    expect(await tokens.markRotated('t1')).toBe(true);
    expect(await tokens.markRotated('t1')).toBe(false);
    expect(await tokens.revoke('t1')).toBe(true);
    expect(await tokens.revoke('t1')).toBe(false);
    expect(await tokens.findById('missing')).toBeUndefined();
  });

  it('rotates within the family and revokes the whole family when a rotated token comes back', async () => {
    const store = suite.store();
    const tokens = store.refreshTokens;
    const userId = await newUser(store, 'tok-rotate', 302);
    await tokens.insert({ id: 'r1', userId, familyId: 'fam', tokenHash: 'h1', expiresAt: T0 + HOUR });
    expect(await tokens.rotate('r1', 'h1', { id: 'r2', tokenHash: 'h2', expiresAt: T0 + HOUR })).toEqual({ ok: true, userId, familyId: 'fam' });
    expect(await tokens.findById('r2')).toMatchObject({ userId, familyId: 'fam', rotatedAt: null, revokedAt: null });
    // The old token again: a replay. The family dies, including the successor the real client holds.
    expect(await tokens.rotate('r1', 'h1', { id: 'r3', tokenHash: 'h3', expiresAt: T0 + HOUR })).toEqual({ ok: false, reason: 'reused' });
    expect((await tokens.findById('r2'))?.revokedAt).toBe(T0);
    expect(await tokens.findById('r3')).toBeUndefined();
    expect(await tokens.rotate('r2', 'h2', { id: 'r4', tokenHash: 'h4', expiresAt: T0 + HOUR })).toEqual({ ok: false, reason: 'revoked' });
  });

  it('honours a rotated token within the grace with a successor of its own, and takes it for a replay after', async () => {
    const store = suite.store();
    const tokens = store.refreshTokens;
    const userId = await newUser(store, 'tok-grace', 306);
    await tokens.insert({ id: 'g1', userId, familyId: 'fg', tokenHash: 'h1', expiresAt: T0 + HOUR });
    expect(await tokens.rotate('g1', 'h1', { id: 'g2', tokenHash: 'h2', expiresAt: T0 + HOUR }, 10_000)).toEqual({ ok: true, userId, familyId: 'fg' });
    suite.clock.now = T0 + 9_999;
    expect(await tokens.rotate('g1', 'h1', { id: 'g3', tokenHash: 'h3', expiresAt: T0 + HOUR }, 10_000)).toEqual({ ok: true, userId, familyId: 'fg' });
    // Both successors live; the first rotation's time stands, so the grace does not stretch.
    expect(await tokens.findById('g1')).toMatchObject({ rotatedAt: T0, revokedAt: null });
    for (const id of ['g2', 'g3']) expect(await tokens.findById(id)).toMatchObject({ familyId: 'fg', rotatedAt: null, revokedAt: null });
    suite.clock.now = T0 + 10_000;
    expect(await tokens.rotate('g1', 'h1', { id: 'g4', tokenHash: 'h4', expiresAt: T0 + HOUR }, 10_000)).toEqual({ ok: false, reason: 'reused' });
    for (const id of ['g2', 'g3']) expect((await tokens.findById(id))?.revokedAt).toBe(T0 + 10_000);
    expect(await tokens.findById('g4')).toBeUndefined();
    suite.clock.now = T0;
  });

  it('refuses unknown, mismatched and expired tokens', async () => {
    const store = suite.store();
    const tokens = store.refreshTokens;
    const userId = await newUser(store, 'tok-refuse', 303);
    await tokens.insert({ id: 'e1', userId, familyId: 'fe', tokenHash: 'he', expiresAt: T0 + HOUR });
    const next = { id: 'e2', tokenHash: 'h', expiresAt: T0 + 2 * HOUR };
    expect(await tokens.rotate('nope', 'he', next)).toEqual({ ok: false, reason: 'unknown' });
    expect(await tokens.rotate('e1', 'wrong', next)).toEqual({ ok: false, reason: 'unknown' });
    suite.clock.now = T0 + HOUR;
    expect(await tokens.rotate('e1', 'he', next)).toEqual({ ok: false, reason: 'expired' });
    expect(await tokens.findById('e1')).toMatchObject({ rotatedAt: null, revokedAt: null });
    suite.clock.now = T0;
  });

  it('revokes families and all of a user\'s logins, optionally sparing one', async () => {
    const store = suite.store();
    const tokens = store.refreshTokens;
    const userId = await newUser(store, 'tok-all', 304);
    const otherId = await newUser(store, 'tok-other', 305);
    for (const [id, familyId, owner] of [['a1', 'fa', userId], ['a2', 'fa', userId], ['b1', 'fb', userId], ['c1', 'fc', userId], ['o1', 'fo', otherId]] as const) {
      await tokens.insert({ id, userId: owner, familyId, tokenHash: 'h', expiresAt: T0 + HOUR });
    }
    expect(await tokens.familiesOfUser(userId)).toEqual(['fa', 'fb', 'fc']);
    expect(await tokens.revokeFamily('fa')).toBe(2);
    expect(await tokens.familiesOfUser(userId)).toEqual(['fb', 'fc']);
    expect(await tokens.revokeFamily('fa')).toBe(0);
    expect(await tokens.revokeAllForUser(userId, 'fc')).toBe(1);
    expect((await tokens.findById('b1'))?.revokedAt).toBe(T0);
    expect((await tokens.findById('c1'))?.revokedAt).toBeNull();
    expect((await tokens.findById('o1'))?.revokedAt).toBeNull();
    expect(await tokens.revokeAllForUser(userId)).toBe(1);
    expect((await tokens.findById('c1'))?.revokedAt).toBe(T0);
  });
});
