// Request authentication: a bearer access token or an API key in headers becomes `request.principal`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasScope, type ApiKeyScope } from '../auth/api-key-scopes.ts';
import type { ApiKeyService } from '../auth/api-key-service.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError } from '../errors.ts';
import { addressKey, type RequestLimit } from '../request-limit.ts';
import { overLimit } from './rate-limit.ts';

export const KEY_ID_HEADER = 'x-bourse-key-id';
export const KEY_SECRET_HEADER = 'x-bourse-key-secret';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/**
 * Resolves credentials on every request that carries some; bad credentials fail even on public
 * routes. Known credentials resolve in the same turn, without a promise. A failure spends the
 * address's request budget, as an anonymous request does: past it, guessing is answered 429.
 */
export function registerAuthentication(app: FastifyInstance, auth: AuthService, keys: ApiKeyService, limit: RequestLimit): void {
  app.decorateRequest('principal', undefined);
  // No closure is made on the way through: this runs on every request.
  app.addHook('onRequest', (request, reply, done) => {
    let found: ReturnType<typeof principalOf>;
    try {
      found = principalOf(request.headers, auth, keys);
    } catch (error) {
      return refuse(limit, request, reply, done, error);
    }
    if (found instanceof Promise) {
      found.then(
        (principal) => {
          request.principal = principal;
          done();
        },
        (error: unknown) => refuse(limit, request, reply, done, error),
      );
      return;
    }
    request.principal = found;
    done();
  });
}

/** Bad credentials: the address's budget is spent, and past it the answer is 429 instead of the refusal. */
function refuse(limit: RequestLimit, request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void, error: unknown): void {
  const window = limit.hit(addressKey(request.ip));
  done(window.count > limit.max ? overLimit(limit, reply, window) : (error as Error));
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * The caller behind the credential headers, or undefined when there are none. Throws (or rejects)
 * an ApiError for bad credentials. Synchronous when the token or key was verified before; a promise
 * when the store or a signature check is needed.
 */
export function principalOf(headers: Headers, auth: AuthService, keys: ApiKeyService): Principal | undefined | Promise<Principal | undefined> {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new ApiError('INVALID_TOKEN', 'Send the access token as "Authorization: Bearer <token>".');
    return auth.authenticateToken(match[1]!);
  }
  const keyId = headers[KEY_ID_HEADER];
  const secret = headers[KEY_SECRET_HEADER];
  if (keyId === undefined && secret === undefined) return undefined;
  if (typeof keyId !== 'string' || typeof secret !== 'string') {
    throw new ApiError('INVALID_TOKEN', `Send both ${KEY_ID_HEADER} and ${KEY_SECRET_HEADER} headers.`);
  }
  return keys.authenticate(keyId, secret);
}

/** `principalOf` as a promise always, for callers off the hot path. */
export async function resolvePrincipal(headers: Headers, auth: AuthService, keys: ApiKeyService): Promise<Principal | undefined> {
  return principalOf(headers, auth, keys);
}

/**
 * A route guard: the caller must be authenticated, with the scope given. Routes install it as their
 * onRequest hook, after the one that resolves credentials: who may do something is decided before
 * the body is parsed or validated, so a read-only key learns it may not trade, not what its order
 * got wrong.
 */
export function requireScope(scope: ApiKeyScope) {
  return guard((request) => principalWith(request, scope), { keys: true, admin: false });
}

/**
 * A route guard for admins only, with the scope the route needs (an admin's read-only key reads the
 * admin routes but changes nothing); installed as onRequest, as requireScope is.
 */
export function requireAdmin(scope: ApiKeyScope = 'read') {
  return guard((request) => {
    const principal = principalWith(request, scope);
    if (principal.role !== 'admin') throw new ApiError('FORBIDDEN', 'Only an admin may do this.');
  }, { keys: true, admin: true });
}

/**
 * A route guard for a login: an API key, whatever its scopes, is refused with `refusal`. Installed
 * as onRequest, as requireScope is, so a key learns it may not before its body is looked at.
 */
export function requireLogin(refusal: string) {
  return guard((request) => {
    if (principalWith(request, 'read').keyId !== undefined) throw new ApiError('FORBIDDEN', refusal);
  }, { keys: false, admin: false });
}

/** What a route guard lets through, so the OpenAPI document can say which credentials a route takes. */
export interface GuardNeeds {
  /** Whether an API key may call the route (otherwise only a bearer access token, a login). */
  readonly keys: boolean;
  /** Whether only admins may. */
  readonly admin: boolean;
}

const NEEDS = new WeakMap<object, GuardNeeds>();

/** What the guard among a route's onRequest hooks asks for; undefined for a public route, which has none. */
export function guardNeeds(onRequest: unknown): GuardNeeds | undefined {
  const hooks: unknown[] = Array.isArray(onRequest) ? onRequest : [onRequest];
  for (const hook of hooks) {
    const needs = typeof hook === 'function' ? NEEDS.get(hook) : undefined;
    if (needs) return needs;
  }
  return undefined;
}

/** An onRequest hook from a check that throws: its ApiError ends the request, before the body is parsed. */
function guard(check: (request: FastifyRequest) => void, needs: GuardNeeds) {
  // Callback style: an async guard would cost every request a promise and a turn of the microtask queue.
  const hook = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    try {
      check(request);
    } catch (error) {
      return done(error as Error);
    }
    done();
  };
  NEEDS.set(hook, needs);
  return hook;
}

/** The authenticated caller; throws 401 or 403 otherwise. */
export function principalWith(request: FastifyRequest, scope: ApiKeyScope): Principal {
  const principal = request.principal;
  if (!principal) throw new ApiError('UNAUTHENTICATED');
  if (!hasScope(principal.scopes, scope)) throw new ApiError('FORBIDDEN', `This API key lacks the ${scope} scope.`);
  return principal;
}
