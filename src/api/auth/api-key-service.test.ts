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
});
