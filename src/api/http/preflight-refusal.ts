// A CORS preflight the CORS plugin refuses (no Origin or no Access-Control-Request-Method) in the one error shape, not its plain text.
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errors.ts';

const PLUGIN_REFUSAL = 'Invalid Preflight Request';
const MESSAGE = 'A CORS preflight (OPTIONS) needs the Origin and Access-Control-Request-Method headers.';

export function preflightRefusalAsJson(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method !== 'OPTIONS' || reply.statusCode !== 400 || payload !== PLUGIN_REFUSAL) return done(null, payload);
    void reply.type('application/json; charset=utf-8');
    done(null, JSON.stringify(errorBody('INVALID_REQUEST', MESSAGE)));
  });
}
