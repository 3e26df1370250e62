// --url and BOURSE_URL: one option, with one default, one variable and one check, on every command that talks to a running Bourse.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';

const STRATEGY = join(import.meta.dirname, '..', 'examples', 'sma-crossover.ts');
/** One command of each kind that talks to a server; nothing listens on the discard port. */
const COMMANDS = [['leaderboard'], ['bots', 'list', '--api-key-id', 'k', '--api-key-secret', 's'], ['risk', 'status', '--api-key-id', 'k', '--api-key-secret', 's'], ['run', STRATEGY, '--paper', '--symbol', 'AAPL']];
const NOBODY = 'http://127.0.0.1:9';

describe('bourse --url', () => {
  it('is read from BOURSE_URL by every command that talks to a server, and --url overrides it', async () => {
    for (const args of COMMANDS) {
      const fromEnv = await runBourse(args, { BOURSE_URL: NOBODY });
      expect(fromEnv.code, args[0]).toBe(1);
      expect(fromEnv.stderr, args[0]).toMatch(/^error: cannot reach .*127\.0\.0\.1:9/);
      const fromFlag = await runBourse([...args, '--url', 'http://127.0.0.1:7'], { BOURSE_URL: NOBODY });
      expect(fromFlag.stderr, args[0]).toMatch(/^error: cannot reach .*127\.0\.0\.1:7/);
    }
  }, 120_000);

  it('refuses an address that is not http or https in the same words, from the flag or the variable', async () => {
    for (const args of COMMANDS) {
      const flag = await runBourse([...args, '--url', 'localhost:8080']);
      expect(flag.code, args[0]).toBe(1);
      expect(flag.stderr.trim(), args[0]).toBe("error: option '--url <url>' argument 'localhost:8080' is invalid. expected an http:// or https:// address, such as http://127.0.0.1:8080");
      const env = await runBourse(args, { BOURSE_URL: 'ftp://example.com' });
      expect(env.stderr, args[0]).toContain("from env 'BOURSE_URL' is invalid. expected an http:// or https:// address");
    }
  }, 120_000);

  it('is described the same way in each command\'s help', async () => {
    const lines = await Promise.all(['leaderboard', 'bots', 'risk', 'run'].map(async (name) => (await runBourse([name, '--help'])).stdout.replace(/\s+/g, ' ')));
    for (const help of lines) expect(help).toContain('--url <url> the Bourse server (default: "http://127.0.0.1:8080", env: BOURSE_URL)');
  }, 60_000);
});
