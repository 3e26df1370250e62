// Requests per window per caller: one budget for a user, an API key or an address, spent by REST requests and WebSocket order entry alike.
import type { Principal } from './auth/principal.ts';
import { ApiError } from './errors.ts';
import { FixedWindows, type WindowCount } from './http/fixed-windows.ts';

/** "2 hours", "14 minutes", "1 minute", "59 seconds", "1 second". */
export function duration(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  // From two minutes on, whole minutes (rounded up, so a client that waits that long is let in): "837 seconds" is hard to read.
  if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutes`;
  if (seconds === 60) return '1 minute';
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

export interface RequestLimitOptions {
  /** Requests a caller may make per window. */
  readonly max: number;
  readonly now?: () => number;
  /** Callers remembered at most; the oldest windows are forgotten first. */
  readonly maxCallers?: number;
}

/**
 * A caller's window opens with its first request and lasts a minute; a request past
 * `max` in it is refused with RATE_LIMITED until it closes. Counting allocates nothing, so order
 * entry may count every message.
 */
export class RequestLimit {
  readonly max: number;
  private readonly windows: FixedWindows;

  constructor(options: RequestLimitOptions) {
    this.max = options.max;
    this.windows = new FixedWindows(60_000, options.now, options.maxCallers);
  }

  /** Counts one request of `caller` (see callerKey); the answer is read at once, as the next count changes it. */
  hit(caller: string): WindowCount {
    return this.windows.hit(caller);
  }

  /** Counts one request of `caller`: undefined while it is within the budget, else the refusal to answer it with (details give the wait). */
  overBudget(caller: string): ApiError | undefined {
    const window = this.windows.hit(caller);
    return window.count > this.max ? this.refusal(Math.ceil(window.resetMs / 1000), true) : undefined;
  }

  /** The refusal of a request past the limit, `retryAfterSeconds` from now (in details when `withDetails`). */
  refusal(retryAfterSeconds: number, withDetails: boolean): ApiError {
    const message = `Too many requests: at most ${this.max} per minute; retry in ${duration(retryAfterSeconds)}.`;
    return new ApiError('RATE_LIMITED', message, withDetails ? { retryAfterSeconds } : undefined);
  }
}

/** Whose budget an anonymous request, or one whose credentials fail, spends: its address's (REST's request.ip, or the WebSocket upgrade's). */
export function addressKey(address: string): string {
  return `ip:${address}`;
}

/** Whose budget a signed-in request spends: its API key's, else its user's (a login's tokens all share one). */
export function callerKey(principal: Principal): string {
  return principal.keyId !== undefined ? `key:${principal.keyId}` : `user:${principal.userId}`;
}
