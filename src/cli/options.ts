// Option parsers and error wording shared by the CLI commands.
import { InvalidArgumentError, Option } from 'commander';
import { accessSync, constants } from 'node:fs';
import { cashProblem } from '../backtest/run-settings.ts';
import type { AssetSpec } from '../core/instrument.ts';
import { isPositiveDecimal, plainDecimalText } from '../platform/units.ts';

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
 * Parses a positive decimal amount for `option` ("--cash") by the rule the API reads every decimal
 * with (plainDecimalText): digits with an optional fraction, no sign, spaces, exponent or redundant
 * leading zero, so "05000" is refused here as the REST API refuses it. `example` is what the message shows.
 */
export function positiveDecimal(option: string, example = '10000 or 2500.50') {
  return (text: string): string => {
    const plain = plainDecimalText(text);
    if (plain === undefined || !isPositiveDecimal(plain)) throw new InvalidArgumentError(`${option} must be a positive plain decimal such as ${example} (digits, no spaces, exponent or leading zeros)`);
    return plain;
  };
}

/**
 * Stops with a clear message when --cash (already a positive plain decimal) has more decimals than `currency` has, or is more
 * than an account holds, as the REST API refuses such cash; run before any data is read.
 */
export function checkCash(cash: string, assets: readonly AssetSpec[], currency: string): void {
  const quote = assets.find((asset) => asset.code === currency);
  const problem = quote && cashProblem(cash, quote, '--cash');
  if (problem !== undefined) throw new InvalidArgumentError(problem);
}

/**
 * An option that falls back to an environment variable holding a secret (a password, an API key, a database URL with its
 * credentials). Help names the variable but never shows its value, as it would if the value were passed as the default.
 */
export function secretOption(flags: string, description: string, variable: string): Option {
  return new Option(flags, description).env(variable);
}

/**
 * One readable line per cause, without a stack trace. A file-system refusal says whether reading or writing `path` failed; only a
 * write failure suggests another --data-dir. A cause whose message the error above it already quotes is not repeated, unless
 * it adds advice. `openWasForWriting` tells a refused open for writing from one for reading (a test can stand in for the disk).
 */
export function describeError(error: unknown, openWasForWriting: (path: string) => boolean = refusedOpenWasForWriting): string {
  const parts: string[] = [];
  let above: Error | undefined;
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = e instanceof Error ? e.cause : undefined) {
    if (!(e instanceof Error)) {
      parts.push(typeof e === 'string' ? e : 'unknown error');
      break;
    }
    const { code, path, syscall } = e as NodeJS.ErrnoException;
    const quoted = above?.message.includes(e.message) ?? false;
    above = e;
    if (code === 'EEXIST' || code === 'ENOTDIR') parts.push(`${path ?? 'the data directory'} exists and is not a directory`);
    else if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
      if (refusedWrite(code, path, syscall, openWasForWriting)) parts.push(`cannot write ${path ?? 'the data directory'} (${code}): choose a writable --data-dir`);
      else if (!quoted) parts.push(`cannot read ${path}: permission denied (${code})`);
    } else if (code === 'ENOSPC') parts.push('the disk is full');
    else if (code === 'EADDRINUSE') parts.push(`the port is in use: choose another with --port`);
    else if (!quoted) parts.push(e.message);
  }
  return parts.join(': ');
}

const WRITING_CALLS = new Set(['mkdir', 'mkdtemp', 'write', 'rename', 'unlink', 'rmdir', 'rm', 'copyfile', 'symlink', 'link', 'chmod', 'chown', 'utime', 'futime', 'ftruncate', 'fsync']);
const READING_CALLS = new Set(['read', 'scandir', 'opendir', 'readlink', 'stat', 'lstat', 'realpath']);

/** Whether a permission refusal was for writing: always on a read-only file system, else by the call refused, and for an open by the file. */
function refusedWrite(code: string, path: string | undefined, syscall: string | undefined, openWasForWriting: (path: string) => boolean): boolean {
  if (code === 'EROFS' || path === undefined) return true;
  if (syscall !== undefined && WRITING_CALLS.has(syscall)) return true;
  if (syscall !== undefined && READING_CALLS.has(syscall)) return false;
  return openWasForWriting(path);
}

/** A refused open was for writing when the file can be read (so reading was not refused) or is not there yet (so it was being created). */
function refusedOpenWasForWriting(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
