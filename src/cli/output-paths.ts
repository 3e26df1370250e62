// Files a command will write, checked before it starts its work, so a long run never ends in a write that cannot happen.
import { InvalidArgumentError } from 'commander';
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Stops with a message naming the option when `path` cannot be written: its directory is missing, is not a directory or
 * is not writable, or the path is itself a directory; or naming both options when two would write the same file.
 * Paths that are undefined (options not given) are skipped.
 */
export function checkOutputPaths(paths: Readonly<Record<string, string | undefined>>): void {
  const writers = new Map<string, string>();
  for (const [option, path] of Object.entries(paths)) {
    if (path === undefined) continue;
    checkOutputPath(option, path);
    const other = writers.get(resolve(path));
    if (other !== undefined) throw new InvalidArgumentError(`${other} and ${option} both name ${path}; give each its own file`);
    writers.set(resolve(path), option);
  }
}

function checkOutputPath(option: string, path: string): void {
  const full = resolve(path);
  const dir = dirname(full);
  const refuse = (why: string) => new InvalidArgumentError(`cannot write ${option} ${path}: ${why}`);
  const folder = statOf(dir);
  if (folder === undefined) throw refuse(`the directory ${dir} does not exist`);
  if (!folder.isDirectory()) throw refuse(`${dir} is not a directory`);
  if (!writable(dir)) throw refuse(`the directory ${dir} is not writable`);
  const file = statOf(full);
  if (file?.isDirectory()) throw refuse('it is a directory; give a file name');
  if (file !== undefined && !writable(full)) throw refuse('the file is not writable');
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
