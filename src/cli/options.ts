// Option parsers and error wording shared by the CLI commands.
import { InvalidArgumentError, Option } from 'commander';

/** Parses a whole number from `min` to `max` for an option, or stops with a clear message. */
export function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

/**
 * An option that falls back to an environment variable holding a secret (a password, an API key, a database URL with its
 * credentials). Help names the variable but never shows its value, as it would if the value were passed as the default.
 */
export function secretOption(flags: string, description: string, variable: string): Option {
  return new Option(flags, description).env(variable);
}

/** One readable line per cause, without a stack trace. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = e instanceof Error ? e.cause : undefined) {
    if (!(e instanceof Error)) {
      parts.push(typeof e === 'string' ? e : 'unknown error');
      break;
    }
    const code = (e as NodeJS.ErrnoException).code;
    const path = (e as NodeJS.ErrnoException).path;
    if (code === 'EEXIST' || code === 'ENOTDIR') parts.push(`${path ?? 'the data directory'} exists and is not a directory`);
    else if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') parts.push(`cannot write ${path ?? 'the data directory'} (${code}): choose a writable --data-dir`);
    else if (code === 'ENOSPC') parts.push('the disk is full');
    else if (code === 'EADDRINUSE') parts.push(`the port is in use: choose another with --port`);
    else parts.push(e.message);
  }
  return parts.join(': ');
}
