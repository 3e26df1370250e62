// Routes for users and sessions: register, login, refresh, logout, password change, and who am I.
import { z } from 'zod';
import type { ZodApp } from '../zod-app.ts';
import { meSchema, sessionSchema, userSchema } from '../../response-schemas.ts';
import type { ApiContext } from '../../context.ts';
import { passwordPolicy } from '../../auth/passwords.ts';
import { usernameSchema } from '../../auth/usernames.ts';
import { principalWith, requireLogin, requireScope } from '../authenticate.ts';
import { ApiError } from '../../errors.ts';
import { AccountDisabledError, InvalidCredentialsError } from '../../auth/auth-service.ts';
import { optionalBody, text } from '../schemas.ts';
import { audit } from '../audit.ts';
import type { SignInLimits } from '../sign-in-limits.ts';

const credentials = z.object({ username: usernameSchema, password: passwordPolicy }).strict();
const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();
const tags = ['auth'];

/**
 * Runs a password check under the guessing limits: refused while over them; a wrong password is
 * counted, and `wrong` hears whose password it was (the user id, null for an unknown username).
 */
async function passwordTry<T>(limits: SignInLimits, name: string, address: string, check: () => Promise<T>, wrong?: (userId: number | null) => void): Promise<T> {
  limits.checkPasswordTry(name, address);
  try {
    const result = await check();
    limits.succeeded(name, address);
    return result;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) {
      limits.failed(name, address);
      wrong?.(error.userId);
    }
    throw error;
  }
}

export interface AuthRouteOptions {
  readonly limits: SignInLimits;
  /** Closed: only an admin creates users (POST /api/v1/admin/users). */
  readonly registration: 'open' | 'closed';
}

export function authRoutes(app: ZodApp, ctx: ApiContext, { limits, registration }: AuthRouteOptions): void {
  app.post('/api/v1/auth/register', { config: { success: { 201: 'The new user' }, responses: { 201: z.object({ user: userSchema }) }, refusals: ['REGISTRATION_CLOSED', 'TOO_MANY_REGISTRATIONS', 'USERNAME_TAKEN'] }, schema: { tags, summary: 'Create a user (a trader) with an empty account', body: credentials } }, async (request, reply) => {
    if (registration === 'closed') throw new ApiError('REGISTRATION_CLOSED', 'Registration is closed on this server: ask an admin for a user (POST /api/v1/admin/users).');
    limits.countRegistration(request.ip);
    const user = await ctx.auth.register(request.body.username, request.body.password);
    audit(request, 'registered', { userId: user.id });
    return reply.status(201).send({ user });
  });

  app.post('/api/v1/auth/login', { config: { responses: { 200: sessionSchema }, refusals: ['INVALID_CREDENTIALS', 'TOO_MANY_FAILED_LOGINS'] }, schema: { tags, summary: 'Log in: a 15-minute access token and a rotating refresh token', body: z.object({ username: text().max(64), password: z.string().max(256) }).strict() } }, async (request) => {
    const { username, password } = request.body;
    // A failed login names the user by id, never the name typed: a password typed into the name field must not reach the log.
    let session;
    try {
      session = await passwordTry(limits, username, request.ip, () => ctx.auth.login(username, password), (userId) => audit(request, 'login failed', { userId }));
    } catch (error) {
      // The right password of a disabled user: 403 ACCOUNT_DISABLED, and a line saying who tried.
      if (error instanceof AccountDisabledError) audit(request, 'login refused', { userId: error.userId, reason: error.code });
      throw error;
    }
    audit(request, 'login', { userId: session.user.id });
    return session;
  });

  app.post('/api/v1/auth/refresh', { config: { responses: { 200: sessionSchema } }, schema: { tags, summary: 'Trade a refresh token for a new pair (the old one stops working)', body: refreshBody } }, async (request) => {
    return ctx.auth.refresh(request.body.refreshToken);
  });

  app.post('/api/v1/auth/logout', { config: { success: { 204: 'The login has ended; no body' }, optionalLogin: true }, schema: { tags, summary: 'End the login: its refresh token and access tokens stop working', description: 'Send the refresh token in the body, or the login\'s access token as a bearer token, or both.', body: optionalBody(refreshBody.partial()) } }, async (request, reply) => {
    if (!request.body.refreshToken && !request.principal?.sessionId) throw new ApiError('INVALID_REQUEST', 'Send the refresh token, or an access token of the session.');
    await ctx.auth.logout(request.body.refreshToken ?? '', request.principal);
    return reply.status(204).send();
  });

  app.post(
    '/api/v1/auth/password',
    { onRequest: requireLogin('Log in to change the password; API keys cannot.'), config: { success: { 204: 'The password is changed; no body' }, refusals: ['INVALID_CREDENTIALS', 'TOO_MANY_FAILED_LOGINS'] }, schema: { tags, summary: 'Change the password; every other login ends', body: z.object({ currentPassword: z.string().max(256), newPassword: passwordPolicy }).strict() } },
    async (request, reply) => {
      const principal = principalWith(request, 'read');
      const user = await ctx.store.users.findById(principal.userId);
      if (!user) throw new ApiError('UNAUTHENTICATED');
      // Counted with the username's logins, so a stolen access token cannot guess the password either and the right password at a login clears both; each wrong one is an audit line, as a failed login is.
      const wrong = () => audit(request, 'password change failed', { userId: principal.userId });
      await passwordTry(limits, user.username, request.ip, () => ctx.auth.changePassword(principal, request.body.currentPassword, request.body.newPassword), wrong);
      audit(request, 'password changed', { userId: principal.userId });
      return reply.status(204).send();
    },
  );

  app.get('/api/v1/me', { onRequest: requireScope('read'), config: { responses: { 200: meSchema } }, schema: { tags, summary: 'The caller: user, role and account' } }, async (request) => {
    const principal = principalWith(request, 'read');
    const user = await ctx.store.users.findById(principal.userId);
    if (!user) throw new ApiError('UNAUTHENTICATED');
    const { passwordHash: _hidden, ...rest } = user;
    return { user: rest, scopes: principal.scopes, keyId: principal.keyId ?? null };
  });
}
