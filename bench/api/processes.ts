// Child processes for the API benchmark: the Bourse server under test and the trivial peer servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Child {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point with tsx and waits until `url` answers. */
async function startChild(args: string[], url: string, nodeArgs: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url: url.replace(/\/healthz$|\/hello$/, ''),
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The Node flags `npm start` gives the server (its start script up to `--import tsx`), so the server runs as users run it. */
function startFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = manifest.scripts.start.split(/\s+/);
  const flags = words.slice(words.indexOf('node') + 1, words.indexOf('--import'));
  return flags.filter((flag) => flag.startsWith('--'));
}

/**
 * `bourse start` on a fresh data directory, journaling on (acks wait for fdatasync), with the Node
 * flags of `npm start`. More flags for the server alone come from BENCH_SERVER_NODE_ARGS, to
 * profile it under load: `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:api`.
 */
export async function startBourse(dataDir: string): Promise<Child> {
  const port = await freePort();
  const nodeArgs = [...startFlags(), ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  return startChild(['src/cli/main.ts', 'start', '--data-dir', dataDir, '--port', String(port), '--no-bots', '--log-level', 'warn', '--rate-limit', '100000000', '--registrations-per-hour', '1000'], `http://127.0.0.1:${port}/healthz`, nodeArgs);
}

/** The peer: a trivial Fastify route and a trivial ws echo, the floor any API server sits on. */
export async function startPeer(): Promise<Child> {
  const port = await freePort();
  return startChild(['bench/api/peer-server.ts', String(port)], `http://127.0.0.1:${port}/hello`);
}
