// Requests per minute per user, per API key, or per address: a fixed window per caller, counted synchronously after the route's own guards.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { ApiError } from '../errors.ts';
import { FixedWindows } from './fixed-windows.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` leaves a route out of the rate limit (health checks, metrics, static pages). */
    rateLimit?: false;
  }
}

export interface RateLimitOptions {
  /** Requests a caller may make per window. */
  readonly max: number;
  readonly windowMs: number;
  /** Who is counting: the user, the API key, or the address of an anonymous caller. */
  readonly keyOf: (request: FastifyRequest) => string;
  readonly now?: () => number;
  /** Callers remembered at most; the oldest windows are forgotten first. */
  readonly maxCallers?: number;
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
  const { max } = options;
  const windows = new FixedWindows(options.windowMs, options.now, options.maxCallers);

  const check = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const window = windows.hit(options.keyOf(request));
    const resetSeconds = Math.ceil(window.resetMs / 1000);
    void reply.header('x-ratelimit-limit', max);
    if (window.count <= max) {
      void reply.header('x-ratelimit-remaining', max - window.count);
      void reply.header('x-ratelimit-reset', resetSeconds);
      return done();
    }
    void reply.header('x-ratelimit-remaining', 0);
    void reply.header('x-ratelimit-reset', resetSeconds);
    void reply.header('retry-after', resetSeconds);
    done(new ApiError('RATE_LIMITED', `Too many requests: at most ${max} per minute; retry in ${duration(resetSeconds)}.`));
  };

  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit === false) return;
    const hook = check as preHandlerHookHandler;
    const own = route.preHandler;
    route.preHandler = own === undefined ? [hook] : Array.isArray(own) ? [...(own as preHandlerHookHandler[]), hook] : [own, hook];
  });
}

/** "2 hours", "1 minute", "59 seconds", "1 second". */
export function duration(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  if (seconds >= 60 && seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
