// The last admin stays one: demoting them is 409 LAST_ADMIN, and of two demotions at once only one passes, on SQLite and PostgreSQL.
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { adminApi, newTrader } from '../support/traders.ts';
import type { UserView } from '../support/views.ts';

describeEachBackend('the last admin', ({ platform }) => {
  const roleOf = (id: number) => `/api/v1/admin/users/${id}/role`;

  async function admins(api: Api): Promise<number[]> {
    const page = await api.ok<{ items: UserView[] }>('GET', '/api/v1/admin/users', { query: { limit: 500 } });
    return page.items.filter((user) => user.role === 'admin').map((user) => user.id);
  }

  it('cannot be demoted, even by themselves, and stays an admin', async ({ expect }) => {
    const root = await adminApi(platform().url);
    const [only] = await admins(root);
    expect(await admins(root)).toHaveLength(1);
    const refused = expectErrorWith(expect, await root.call('PUT', roleOf(only!), { json: { role: 'trader' } }), 409, 'LAST_ADMIN');
    expect(refused.details).toEqual({ userId: only });
    // Making the admin an admin again changes nothing and is fine.
    expect(await root.ok('PUT', roleOf(only!), { json: { role: 'admin' } })).toEqual({ id: only, role: 'admin' });
    expect(await admins(root)).toEqual([only]);
  });

  it('of two admins demoting themselves at once, exactly one is demoted; then the other is the last', async ({ expect }) => {
    const root = await adminApi(platform().url);
    const second = await newTrader(platform().url);
    await root.ok('PUT', roleOf(second.user.id), { json: { role: 'admin' } });
    const both = await admins(root);
    expect(both).toHaveLength(2);
    const apiOf = (id: number) => (id === second.user.id ? second.api : root);
    // Each demotes themselves, so neither request's own admin check depends on the other's outcome.
    const replies = await Promise.all(both.map((id) => apiOf(id).call('PUT', roleOf(id), { json: { role: 'trader' } })));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const lastId = both[replies.findIndex((reply) => reply.status === 409)]!;
    const demotedId = both.find((id) => id !== lastId)!;
    expectErrorWith(expect, replies.find((reply) => reply.status === 409)!, 409, 'LAST_ADMIN');
    expect(await admins(apiOf(lastId))).toEqual([lastId]);
    expectErrorWith(expect, await apiOf(demotedId).call('GET', '/api/v1/admin/users'), 403, 'FORBIDDEN');
    expectErrorWith(expect, await apiOf(lastId).call('PUT', roleOf(lastId), { json: { role: 'trader' } }), 409, 'LAST_ADMIN');
    // With another admin, the demotion goes through.
    await apiOf(lastId).ok('PUT', roleOf(demotedId), { json: { role: 'admin' } });
    expect(await apiOf(lastId).ok('PUT', roleOf(lastId), { json: { role: 'trader' } })).toEqual({ id: lastId, role: 'trader' });
    expect(await admins(apiOf(demotedId))).toEqual([demotedId]);
  });
});
