// Requests per minute per user, per API key, or per address: a fixed window per caller, counted synchronously after the route's own guards.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { ApiError } from '../errors.ts';

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

interface Window {
  count: number;
  startedAt: number;
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
  const { max, windowMs } = options;
  const now = options.now ?? Date.now;
  const maxCallers = options.maxCallers ?? 5_000;
  const windows = new Map<string, Window>();

  const open = (key: string, at: number): Window => {
    if (windows.size >= maxCallers) {
      for (const [old, window] of windows) if (at - window.startedAt >= windowMs) windows.delete(old);
      // Still full: forget the oldest windows, as an LRU would.
      for (const old of windows.keys()) {
        if (windows.size < maxCallers) break;
        windows.delete(old);
      }
    }
    const window = { count: 0, startedAt: at };
    windows.set(key, window);
    return window;
  };

  const check = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const key = options.keyOf(request);
    const at = now();
    let window = windows.get(key);
    if (window === undefined) window = open(key, at);
    else if (at - window.startedAt >= windowMs) {
      window.count = 0;
      window.startedAt = at;
    }
    window.count++;
    const resetSeconds = Math.ceil((window.startedAt + windowMs - at) / 1000);
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

/** "1 minute", "59 seconds", "1 second". */
function duration(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
