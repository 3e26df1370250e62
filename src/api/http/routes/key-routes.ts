// Routes for API keys: create (the secret is shown once), list and revoke.
import { z } from 'zod';
import { apiKeyScopesSchema } from '../../auth/api-key-scopes.ts';
import { KEYS_NEED_A_LOGIN } from '../../auth/api-key-service.ts';
import type { ApiContext } from '../../context.ts';
import { principalWith, requireLogin, requireScope } from '../authenticate.ts';
import { text } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { apiKeySchema, newApiKeySchema } from '../../response-schemas.ts';
import { audit } from '../audit.ts';

const tags = ['api keys'];

export function keyRoutes(app: ZodApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/api-keys',
    { onRequest: requireLogin(KEYS_NEED_A_LOGIN.create), config: { success: { 201: 'The new key with its secret, shown only now' }, responses: { 201: z.object({ key: newApiKeySchema }) } }, schema: { tags, summary: 'Create a key; keep the secret, it is shown only now', body: z.object({ label: text().min(1).max(64), scopes: apiKeyScopesSchema }).strict() } },
    async (request, reply) => {
      const key = await ctx.keys.create(principalWith(request, 'read'), request.body.label, request.body.scopes);
      audit(request, 'api key created', { keyId: key.id, scopes: key.scopes });
      return reply.status(201).send({ key });
    },
  );

  app.get('/api/v1/api-keys', { onRequest: requireScope('read'), config: { responses: { 200: z.object({ keys: z.array(apiKeySchema) }) } }, schema: { tags, summary: 'Your keys (never their secrets)' } }, async (request) => {
    return { keys: await ctx.keys.list(principalWith(request, 'read')) };
  });

  app.delete('/api/v1/api-keys/:keyId', { onRequest: requireLogin(KEYS_NEED_A_LOGIN.revoke), config: { success: { 204: 'The key is revoked; no body' }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Revoke a key; it fails from its next request', params: z.object({ keyId: z.string().min(1).max(80) }) } }, async (request, reply) => {
    await ctx.keys.revoke(principalWith(request, 'read'), request.params.keyId);
    audit(request, 'api key revoked', { keyId: request.params.keyId });
    return reply.status(204).send();
  });
}
