// Request authentication: a bearer access token or an API key in headers becomes `request.principal`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasScope, type ApiKeyScope } from '../auth/api-key-scopes.ts';
import type { ApiKeyService } from '../auth/api-key-service.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError } from '../errors.ts';

export const KEY_ID_HEADER = 'x-bourse-key-id';
export const KEY_SECRET_HEADER = 'x-bourse-key-secret';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** Resolves credentials on every request that carries some; bad credentials fail even on public routes. */
export function registerAuthentication(app: FastifyInstance, auth: AuthService, keys: ApiKeyService): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    request.principal = await principalOf(request.headers, auth, keys);
  });
}

type Headers = Record<string, string | string[] | undefined>;

export async function principalOf(headers: Headers, auth: AuthService, keys: ApiKeyService): Promise<Principal | undefined> {
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

/** A route guard: the caller must be authenticated, with the scope given. */
export function requireScope(scope: ApiKeyScope) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    principalWith(request, scope);
  };
}

export function requireAdmin() {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = principalWith(request, 'read');
    if (principal.role !== 'admin') throw new ApiError('FORBIDDEN', 'Only an admin may do this.');
  };
}

/** The authenticated caller; throws 401 or 403 otherwise. */
export function principalWith(request: FastifyRequest, scope: ApiKeyScope): Principal {
  const principal = request.principal;
  if (!principal) throw new ApiError('UNAUTHENTICATED');
  if (!hasScope(principal.scopes, scope)) throw new ApiError('FORBIDDEN', `This API key lacks the ${scope} scope.`);
  return principal;
}
