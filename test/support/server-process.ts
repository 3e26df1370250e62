// Runs `bourse start` as a child process on port 0 (without the living market) and finds its URL in the JSON log line 'Bourse is listening'.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');
export const CLI_MAIN = join(ROOT, 'src', 'cli', 'main.ts');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every JSON log line printed so far. */
  readonly logs: Array<Record<string, unknown>>;
  readonly stderr: () => string;
  readonly exited: Promise<Exit>;
}

const running = new Set<ChildProcess>();

/** Kills every server this file started that is still running (for afterEach, so a failed test leaves no process behind). */
export function killServerProcesses(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

/** Starts the server and resolves once it listens; rejects if it exits first or takes longer than `timeoutMs`. */
export function startServerProcess(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, 'start', '--port', '0', '--no-bots', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  running.add(child);
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not listen within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${exit.code ?? exit.signal}) before listening: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'Bourse is listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve({ url: entry.url, child, logs, stderr: () => stderr, exited });
      }
    });
  });
}
