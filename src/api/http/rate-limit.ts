// Requests per minute per user, per API key, or per address: a fixed window per caller, counted synchronously after the route's own guards.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { RequestLimit } from '../request-limit.ts';
import type { WindowCount } from './fixed-windows.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` leaves a route out of the rate limit (health checks, metrics, static pages). */
    rateLimit?: false;
  }
}

export interface RateLimitOptions {
  /** The budgets, shared with WebSocket order entry. */
  readonly limit: RequestLimit;
  /** Who is counting: the user, the API key, or the address of an anonymous caller. */
  readonly keyOf: (request: FastifyRequest) => string;
}

/**
 * The same contract as @fastify/rate-limit's local store, which this replaces: a caller's window
 * opens with its first request and lasts `windowMs`; every answer carries x-ratelimit-limit,
 * -remaining and -reset (seconds), and a request over the limit is 429 RATE_LIMITED with
 * Retry-After. The check is appended to each route's preHandlers, as the plugin's was: after
 * authentication and the scope guards (onRequest hooks) and after validation. Unlike the plugin it
 * needs no promise: the plugin's two async functions and store callback cost every request several
 * microtask turns.
 */
export function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): void {
  const { limit } = options;
  const { max } = limit;

  const check = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const window = limit.hit(options.keyOf(request));
    if (window.count > max) return done(overLimit(limit, reply, window));
    void reply.header('x-ratelimit-limit', max);
    void reply.header('x-ratelimit-remaining', max - window.count);
    void reply.header('x-ratelimit-reset', Math.ceil(window.resetMs / 1000));
    done();
  };

  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit === false) return;
    const hook = check as preHandlerHookHandler;
    const own = route.preHandler;
    route.preHandler = own === undefined ? [hook] : Array.isArray(own) ? [...(own as preHandlerHookHandler[]), hook] : [own, hook];
  });
}

/** A request past `limit` in `window`: the headers that say when to come back, and the 429 to answer with. */
export function overLimit(limit: RequestLimit, reply: FastifyReply, window: WindowCount): Error {
  const resetSeconds = Math.ceil(window.resetMs / 1000);
  void reply.header('x-ratelimit-limit', limit.max);
  void reply.header('x-ratelimit-remaining', 0);
  void reply.header('x-ratelimit-reset', resetSeconds);
  void reply.header('retry-after', resetSeconds);
  return limit.refusal(resetSeconds, true);
}
