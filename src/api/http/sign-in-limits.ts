// Guessing limits for the routes anyone can call with a password: failed logins and password checks per name and per address, registrations per address.
import { ApiError } from '../errors.ts';
import { normalizeUsername } from '../auth/usernames.ts';
import { FixedWindows } from './fixed-windows.ts';
import { duration } from '../request-limit.ts';

export interface SignInLimitsConfig {
  /** Failed password checks one username may have from one address per window (default 10). */
  readonly failuresPerName?: number;
  /** Failed password checks one address may have over all usernames per window (default 100). */
  readonly failuresPerAddress?: number;
  /** How long the failure windows last (default 15 minutes). */
  readonly failureWindowMs?: number;
  /** Registrations one address may attempt per hour (default 30). */
  readonly registrationsPerHour?: number;
  readonly now?: () => number;
}

const HOUR_MS = 3_600_000;

/**
 * A wrong password counts against the username from that address and against the address; past
 * either limit, that username's logins (and password changes) from the address are refused with
 * 429 before the password is even checked, until the window closes. A right password clears the
 * username's count, so the owner is never locked out by their own typo once they get it right;
 * someone guessing from another address cannot lock the owner out either, since counts are per
 * address. The address is the client's, or the proxy's unless `--trust-proxy` names it.
 */
export class SignInLimits {
  private readonly failures: FixedWindows;
  private readonly registrations: FixedWindows;
  private readonly perName: number;
  private readonly perAddress: number;
  private readonly registrationsPerHour: number;

  constructor(config: SignInLimitsConfig = {}) {
    this.perName = config.failuresPerName ?? 10;
    this.perAddress = config.failuresPerAddress ?? 100;
    this.registrationsPerHour = config.registrationsPerHour ?? 30;
    this.failures = new FixedWindows(config.failureWindowMs ?? 15 * 60_000, config.now, 20_000);
    this.registrations = new FixedWindows(HOUR_MS, config.now, 20_000);
  }

  /** Throws TOO_MANY_FAILED_LOGINS when `username` may not try a password from `address` now. */
  checkPasswordTry(username: string, address: string): void {
    const byName = this.failures.peek(nameKey(username, address));
    const byAddress = this.failures.peek(addressKey(address));
    const overName = byName.count >= this.perName;
    const overAddress = byAddress.count >= this.perAddress;
    if (!overName && !overAddress) return;
    const retryAfterSeconds = Math.ceil(Math.max(overName ? byName.resetMs : 0, overAddress ? byAddress.resetMs : 0) / 1000);
    const what = overName ? `${this.perName} wrong passwords for this username` : `${this.perAddress} wrong passwords`;
    throw new ApiError('TOO_MANY_FAILED_LOGINS', `${what} from this address: password tries are refused for ${duration(retryAfterSeconds)}.`, { retryAfterSeconds });
  }

  /** Counts a wrong password for `username` from `address`. */
  failed(username: string, address: string): void {
    this.failures.hit(nameKey(username, address));
    this.failures.hit(addressKey(address));
  }

  /** A right password: the username's failures from the address are forgotten. */
  succeeded(username: string, address: string): void {
    this.failures.clear(nameKey(username, address));
  }

  /** Counts a registration attempt from `address`; throws TOO_MANY_REGISTRATIONS past the hourly limit. */
  countRegistration(address: string): void {
    const window = this.registrations.hit(addressKey(address));
    if (window.count <= this.registrationsPerHour) return;
    const retryAfterSeconds = Math.ceil(window.resetMs / 1000);
    throw new ApiError('TOO_MANY_REGISTRATIONS', `At most ${this.registrationsPerHour} registrations per hour from one address: try again in ${duration(retryAfterSeconds)}.`, { retryAfterSeconds });
  }
}

/** Usernames are compared in their normal form, so guesses at any casing count together. */
const nameKey = (username: string, address: string): string => `${normalizeUsername(username)}\u0000${address}`;
const addressKey = (address: string): string => `@${address}`;
