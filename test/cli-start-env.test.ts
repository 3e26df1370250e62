// `bourse start` configured from the environment as an operator does it: a bad value stops the start with the flag's rule,
// naming the variable and the value, before anything is created in the data directory; good values take effect.
import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';
import { killServerProcesses, startServerProcess } from './support/server-process.ts';
import { tempDir } from './support/temp-dir.ts';

afterEach(() => killServerProcesses());

describe('bourse start from the environment', () => {
  // Every variable and its message: src/cli/start-command.test.ts.
  it('exits 1 on a bad variable, naming it, its value and the rule, and creates nothing in the data directory', async () => {
    const dataDir = await tempDir('bourse-env-');
    const run = await runBourse(['start', '--data-dir', dataDir], { BOURSE_RATE_LIMIT: 'abc' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: option '--rate-limit <n>' value 'abc' from env 'BOURSE_RATE_LIMIT' is invalid. expected a whole number from 1 to 100000000\n");
    expect(await readdir(dataDir)).toEqual([]);
  }, 60_000);

  it('the flag wins over a bad variable, and trimmed CORS origins and trusted proxies from the environment take effect', async () => {
    const dataDir = await tempDir('bourse-env-');
    // startServerProcess passes --port 0, so PORT is not read.
    const server = await startServerProcess(['--data-dir', dataDir], { PORT: 'abc', BOURSE_CORS_ORIGINS: ' https://a.example , ,https://b.example', BOURSE_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    const preflight = (origin: string) => fetch(`${server.url}/api/v1/instruments`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    expect((await preflight('https://b.example')).headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect((await preflight('https://a.example')).headers.get('access-control-allow-origin')).toBe('https://a.example');
    expect((await preflight('https://c.example')).headers.get('access-control-allow-origin')).toBeNull();
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 60_000);
});
