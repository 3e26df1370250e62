// Runs the `bourse` command as a user would, for tests: its exit code and everything it printed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const BIN = join(ROOT, 'bin', 'bourse.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunHooks {
  /**
   * Run it as the README does, `npm run bourse -- ...`, in a process group of its own: a signal
   * then goes to the group, npm and the command alike, as a terminal's Ctrl-C does.
   */
  readonly throughNpm?: boolean;
  /** Run it as the installed command (`npx bourse`, package.json's bin): bin/bourse.js, which registers tsx itself. */
  readonly throughBin?: boolean;
  /** Called once, when stderr first matches `when`, with a way to send the command signals. */
  readonly onStderr?: { readonly when: RegExp; readonly then: (signal: (name: NodeJS.Signals) => void) => void };
}

/** `env` is added to this process's environment for the run. */
export function runBourse(args: readonly string[], env: Readonly<Record<string, string>> = {}, hooks: RunHooks = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const [command, commandArgs] = hooks.throughNpm ? ['npm', ['run', '-s', 'bourse', '--', ...args]] : hooks.throughBin ? [process.execPath, [BIN, ...args]] : [process.execPath, ['--import', 'tsx', MAIN, ...args]];
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, cwd: ROOT, detached: hooks.throughNpm === true });
    const signal = (name: NodeJS.Signals) => (hooks.throughNpm ? process.kill(-child.pid!, name) : child.kill(name));
    let stdout = '';
    let stderr = '';
    let hooked = hooks.onStderr === undefined;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (hooked || !hooks.onStderr!.when.test(stderr)) return;
      hooked = true;
      hooks.onStderr!.then(signal);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
