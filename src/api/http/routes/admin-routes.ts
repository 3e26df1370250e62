// Admin routes: list and create users, set a forgotten password, change roles, disable and enable users.
import { z } from 'zod';
import { USER_ROLES } from '../../auth/access-tokens.ts';
import { passwordPolicy } from '../../auth/passwords.ts';
import { usernameSchema } from '../../auth/usernames.ts';
import type { ApiContext } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { setUserStatus } from '../../user-status.ts';
import { USER_STATUSES } from '../../../store/index.ts';
import { principalWith, requireAdmin } from '../authenticate.ts';
import { page, wholeNumber } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { pageSchema, userSchema, userStatusChangeSchema } from '../../response-schemas.ts';
import { pageOf } from './paging.ts';
import { audit } from '../audit.ts';

const tags = ['admin'];
/** User ids are 32-bit in every store (PostgreSQL `integer`); a larger one would fail in the query, not match nothing. */
const MAX_USER_ID = 2 ** 31 - 1;

export function adminRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get('/api/v1/admin/users', { onRequest: requireAdmin(), config: { responses: { 200: pageSchema(userSchema) } }, schema: { tags, summary: 'Every user', querystring: z.object(page).strict() } }, async (request) => {
    return pageOf(request, principalWith(request, 'read').accountId, (cursor) => ctx.store.users.list({ limit: request.query.limit, cursor }), MAX_USER_ID);
  });

  app.post(
    '/api/v1/admin/users',
    { onRequest: requireAdmin('trade'), config: { success: { 201: 'The new user' }, responses: { 201: z.object({ user: userSchema }) }, refusals: ['USERNAME_TAKEN'] }, schema: { tags, summary: 'Create a user (a trader unless role says admin), open registration or not', body: z.object({ username: usernameSchema, password: passwordPolicy, role: z.enum(USER_ROLES).optional() }).strict() } },
    async (request, reply) => {
      const user = await ctx.auth.register(request.body.username, request.body.password, request.body.role);
      audit(request, 'user created', { userId: user.id, role: user.role });
      return reply.status(201).send({ user });
    },
  );

  app.put(
    '/api/v1/admin/users/:id/password',
    { onRequest: requireAdmin('trade'), config: { success: { 204: 'The password is set and every login of the user has ended; no body' }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Set the password of a user who forgot theirs; every login of the user ends', params: z.object({ id: wholeNumber(1, MAX_USER_ID) }), body: z.object({ password: passwordPolicy }).strict() } },
    async (request, reply) => {
      // Without the current password an admin's own would be one stolen token away: their own goes through POST /api/v1/auth/password.
      if (request.params.id === principalWith(request, 'trade').userId) throw new ApiError('FORBIDDEN', 'Change your own password with POST /api/v1/auth/password, which asks for the current one.');
      if ((await ctx.auth.resetPassword(request.params.id, request.body.password)) === 'no-such-user') throw new ApiError('NOT_FOUND', 'There is no user with that id.');
      audit(request, 'password reset', { userId: request.params.id });
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/v1/admin/users/:id/role',
    { onRequest: requireAdmin('trade'), config: { responses: { 200: z.object({ id: z.number().int(), role: z.enum(USER_ROLES) }) }, refusals: ['NOT_FOUND', 'LAST_ADMIN'] }, schema: { tags, summary: 'Make a user an admin or a trader', params: z.object({ id: wholeNumber(1, MAX_USER_ID) }), body: z.object({ role: z.enum(USER_ROLES) }).strict() } },
    async (request) => {
      const result = await ctx.auth.setRole(request.params.id, request.body.role);
      if (result === 'no-such-user') throw new ApiError('NOT_FOUND', 'There is no user with that id.');
      if (result === 'last-admin') throw new ApiError('LAST_ADMIN', 'This user is the last active admin; make another user an admin first.', { userId: request.params.id });
      audit(request, 'role changed', { userId: request.params.id, role: request.body.role });
      return { id: request.params.id, role: request.body.role };
    },
  );

  app.put(
    '/api/v1/admin/users/:id/status',
    {
      onRequest: requireAdmin('trade'),
      config: { responses: { 200: userStatusChangeSchema }, refusals: ['NOT_FOUND', 'LAST_ADMIN'] },
      schema: {
        tags,
        summary: "Disable a user (logins, tokens, API keys and connections refused at once; open orders and algo orders cancelled; their bots stopped) or enable them again; balances and history stay",
        params: z.object({ id: wholeNumber(1, MAX_USER_ID) }),
        body: z.object({ status: z.enum(USER_STATUSES).describe('disabled: the user can no longer log in or trade; active: they can again') }).strict(),
      },
    },
    async (request) => {
      // An admin who disables themselves is locked out with nobody to notice; one who enables themselves is already in.
      if (request.params.id === principalWith(request, 'trade').userId) throw new ApiError('FORBIDDEN', 'You cannot change your own status; another admin can.');
      const result = await setUserStatus(ctx, request.params.id, request.body.status);
      if (!result.ok) {
        if (result.reason === 'no-such-user') throw new ApiError('NOT_FOUND', 'There is no user with that id.');
        throw new ApiError('LAST_ADMIN', 'This user is the last active admin; make another user an admin first.', { userId: request.params.id });
      }
      const { change } = result;
      audit(request, change.status === 'disabled' ? 'user disabled' : 'user enabled', { userId: change.id, changed: change.changed, cancelledOrders: change.cancelledOrders.length, stoppedBots: change.stoppedBots, cancelledAlgoOrders: change.cancelledAlgoOrders.length });
      return change;
    },
  );
}
