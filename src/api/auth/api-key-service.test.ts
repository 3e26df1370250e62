import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.ts';
import { disposeTestStore, openTestStore } from '../../store/test-support.ts';
import { ApiKeyService } from './api-key-service.ts';
import type { Principal } from './principal.ts';

describe('ApiKeyService', () => {
  let store: Store | undefined;
  afterEach(async () => {
    if (store) await disposeTestStore(store);
    store = undefined;
  });

  it('does not trust a key revoked while its first request was reading it from the store', async () => {
    const opened = (store = await openTestStore('sqlite'));
    const created = await opened.users.create({ username: 'owner', passwordHash: 'x', role: 'trader', accountId: 7 });
    if (!created.ok) throw new Error('user not created');
    const owner: Principal = { userId: created.user.id, accountId: 7, role: 'trader', scopes: ['read', 'trade'] };
    const keys = new ApiKeyService(opened);
    const key = await keys.create(owner, 'bot', ['read']);

    // The first request reads the key row, then the user; the owner revokes the key in between.
    const findUser = opened.users.findById.bind(opened.users);
    let revoking: Promise<void> | undefined;
    opened.users.findById = async (id) => {
      revoking ??= keys.revoke(owner, key.id);
      await revoking;
      return findUser(id);
    };
    await expect(Promise.resolve(keys.authenticate(key.id, key.secret))).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    opened.users.findById = findUser;
    // Nor is it cached for the next request.
    await expect(Promise.resolve().then(() => keys.authenticate(key.id, key.secret))).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('vouches for a principal proven from a key until the key is revoked or its user is forgotten', async () => {
    const opened = (store = await openTestStore('sqlite'));
    const created = await opened.users.create({ username: 'holder', passwordHash: 'x', role: 'trader', accountId: 8 });
    if (!created.ok) throw new Error('user not created');
    const owner: Principal = { userId: created.user.id, accountId: 8, role: 'trader', scopes: ['read', 'trade'] };
    const keys = new ApiKeyService(opened);
    const [first, second] = [await keys.create(owner, 'one', ['read']), await keys.create(owner, 'two', ['read'])];
    const proven = await keys.authenticate(first.id, first.secret);
    expect(keys.stillValid(proven)).toBe(true);
    // A principal that did not come from this key (a login's, or a copy) is never vouched for.
    expect(keys.stillValid(owner)).toBe(false);
    expect(keys.stillValid({ ...proven })).toBe(false);
    // Forgetting the user (an admin disabled them) ends it; the key proven again gets a new principal.
    keys.forgetUser(owner.userId);
    expect(keys.stillValid(proven)).toBe(false);
    const again = await keys.authenticate(first.id, first.secret);
    expect(again).not.toBe(proven);
    expect(keys.stillValid(again)).toBe(true);
    // Revoking ends it at once, and only for that key.
    const other = await keys.authenticate(second.id, second.secret);
    await keys.revoke(owner, first.id);
    expect(keys.stillValid(again)).toBe(false);
    expect(keys.stillValid(other)).toBe(true);
  });
});
