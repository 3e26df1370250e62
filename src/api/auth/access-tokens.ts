// Short-lived access tokens: EdDSA-signed JWTs carrying user id, role and session id.
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { SIGNING_ALG } from './signing-key.ts';
import type { SigningKey } from './signing-key.ts';

export const TOKEN_ISSUER = 'bourse';
export const TOKEN_AUDIENCE = 'bourse-api';
/** RFC 9068 header type: a token of another kind signed by the same key is never taken for an access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;

export const USER_ROLES = ['trader', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface AccessTokenSubject {
  readonly userId: number;
  readonly role: UserRole;
  /** The login session (refresh-token family) the token belongs to, so logout can be checked per session. */
  readonly sessionId: string;
}

export interface AccessClaims extends AccessTokenSubject {
  /** Epoch milliseconds (whole seconds, as JWT stores them). */
  readonly issuedAt: number;
  /** Epoch milliseconds; the token is invalid from this instant on. */
  readonly expiresAt: number;
}

export interface IssuedAccessToken {
  /** Compact JWS, to be sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export type AccessTokenFailure = 'expired' | 'invalid';
export type VerifyResult = { readonly ok: true; readonly claims: AccessClaims } | { readonly ok: false; readonly reason: AccessTokenFailure };

export interface AccessTokenOptions {
  /** Default 15 minutes: a stolen token stays useful only briefly, and the refresh token renews it. */
  readonly lifetimeSeconds?: number;
  /** Epoch milliseconds; injected so expiry is testable. Defaults to `Date.now`. */
  readonly now?: () => number;
}

const USER_ID = /^[1-9][0-9]{0,15}$/;

/** Our own claims; registered ones (iss, aud, exp, typ, alg) are already checked by jose. */
const payloadSchema = z.object({
  sub: z
    .string()
    .regex(USER_ID)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n)),
  role: z.enum(USER_ROLES),
  sid: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** Issues and verifies access tokens with one signing key. Stateless: revocation is the refresh layer's job. */
export class AccessTokens {
  private readonly lifetimeSeconds: number;
  private readonly now: () => number;

  constructor(
    private readonly key: SigningKey,
    options: AccessTokenOptions = {},
  ) {
    this.lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
    if (!Number.isSafeInteger(this.lifetimeSeconds) || this.lifetimeSeconds <= 0) {
      throw new RangeError(`lifetimeSeconds must be a positive integer, got ${this.lifetimeSeconds}`);
    }
    this.now = options.now ?? Date.now;
  }

  async issue(subject: AccessTokenSubject): Promise<IssuedAccessToken> {
    if (!Number.isSafeInteger(subject.userId) || subject.userId <= 0) throw new RangeError(`userId must be a positive integer, got ${subject.userId}`);
    if (subject.sessionId.length === 0) throw new RangeError('sessionId must not be empty');
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.lifetimeSeconds;
    const token = await new SignJWT({ role: subject.role, sid: subject.sessionId })
      .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_TYPE, kid: this.key.kid })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(String(subject.userId))
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key.privateKey);
    return { token, expiresAt: exp * 1000 };
  }

  /**
   * Never throws on bad input. 'expired' is reported only for a token whose signature and other
   * claims are valid (jose checks the signature first), so it can safely trigger a refresh; every
   * other fault, including `alg: none` or a foreign key, is 'invalid'.
   */
  async verify(token: string): Promise<VerifyResult> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        algorithms: [SIGNING_ALG],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['sub', 'iat', 'exp'],
        currentDate: new Date(this.now()),
      });
      const parsed = payloadSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, reason: 'invalid' };
      const { sub, role, sid, iat, exp } = parsed.data;
      return { ok: true, claims: { userId: sub, role, sessionId: sid, issuedAt: iat * 1000, expiresAt: exp * 1000 } };
    } catch (err) {
      return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
