// The auth module's public surface: passwords, usernames, signing key, access tokens, refresh tokens and API keys.
export {
  DEFAULT_PASSWORD_HASH_OPTIONS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  hashPassword,
  needsRehash,
  passwordPolicy,
  verifyPassword,
  type PasswordHashOptions,
} from './passwords.ts';
export { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH, normalizeUsername, usernameSchema } from './usernames.ts';
export { SIGNING_ALG, SIGNING_KEY_FILE, SigningKeyError, loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';
export {
  ACCESS_TOKEN_TYPE,
  AccessTokens,
  DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  USER_ROLES,
  type AccessClaims,
  type AccessTokenFailure,
  type AccessTokenOptions,
  type AccessTokenSubject,
  type IssuedAccessToken,
  type UserRole,
  type VerifyResult,
} from './access-tokens.ts';
export {
  API_KEY_ID_PREFIX,
  API_KEY_SECRET_PREFIX,
  apiKeyIdSchema,
  apiKeySecretSchema,
  hashSecret,
  newApiKey,
  newRefreshToken,
  parseToken,
  secretMatches,
  type ApiKey,
  type RefreshToken,
} from './opaque-secrets.ts';
export { API_KEY_SCOPES, apiKeyScopesSchema, hasScope, type ApiKeyScope } from './api-key-scopes.ts';
