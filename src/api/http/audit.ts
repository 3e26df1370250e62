// One log line per change to who may do what: logins, registrations, passwords, roles, user status, API keys and the kill switch, with who did it and from where, never a secret.
import type { FastifyRequest } from 'fastify';

export type AuditAction =
  | 'login'
  | 'login failed'
  | 'login refused'
  | 'registered'
  | 'user created'
  | 'password reset'
  | 'password changed'
  | 'password change failed'
  | 'role changed'
  | 'user disabled'
  | 'user enabled'
  | 'api key created'
  | 'api key revoked'
  | 'instrument halted'
  | 'instrument resumed'
  | 'session ended'
  | 'kill switch on'
  | 'kill switch reset';

/**
 * Logs `action` at info under `audit`, with the caller (user and key, when authenticated) and the
 * address. `fields` name what changed by id and never carry a password, token or key secret.
 */
export function audit(request: FastifyRequest, action: AuditAction, fields: Record<string, unknown> = {}): void {
  const p = request.principal;
  const actor = p ? { userId: p.userId, ...(p.keyId === undefined ? {} : { keyId: p.keyId }) } : undefined;
  request.log.info({ audit: action, actor, address: request.ip, ...fields }, `audit: ${action}`);
}
