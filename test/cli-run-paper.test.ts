// `bourse run --paper` as a user runs it against a living market: Ctrl-C (even twice, as `npm run` passes it on) ends it with its results, the strategy's log lines stay off stdout, a server that goes away is reported with an exit code of 1, and an --url with a path finds the feed.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBourse } from './support/cli-run.ts';
import { TestPlatform, TEST_MARKETS } from './support/platform.ts';

const LIVING_MARKET = new URL('./fixtures/living-market.json', import.meta.url);
const STRATEGY = join(import.meta.dirname, '..', 'examples', 'sma-crossover.ts');
const STARTED = /Ctrl-C to stop/;

describe('bourse run --paper', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, bots: { workers: 0, livingMarket: LIVING_MARKET } });
  }, 120_000);

  afterAll(async () => {
    await platform?.dispose();
  });

  it('stops on Ctrl-C through npm run, which sends it twice, and prints its results as one JSON document with the log lines on stderr', async () => {
    // npm passes the terminal's Ctrl-C on to the command, which so gets two.
    const run = await runBourse(['run', STRATEGY, '--paper', '--symbol', 'S10', '--url', platform.url, '--json'], {}, { throughNpm: true, onStderr: { when: STARTED, then: (signal) => void sleep(1_500).then(() => signal('SIGINT')) } });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { strategy: string; records: number };
    expect(result).toMatchObject({ strategy: 'sma-crossover' });
    expect(result.records).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/"message":"started"/);
  }, 60_000);

  it('finds the feed at the server\'s root when --url has a path, as the REST calls do', async () => {
    const run = await runBourse(['run', STRATEGY, '--paper', '--symbol', 'S10', '--url', `${platform.url}/api/v1`, '--duration', '1', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ strategy: 'sma-crossover' });
  }, 60_000);

  it('reports a server that goes away, with the results it has, and exits with 1', async () => {
    const going = await TestPlatform.start({ marketsFile: TEST_MARKETS, bots: { workers: 0, livingMarket: LIVING_MARKET } });
    const run = await runBourse(['run', STRATEGY, '--paper', '--symbol', 'S10', '--url', going.url, '--duration', '60'], {}, { onStderr: { when: STARTED, then: () => void sleep(1_000).then(() => going.dispose()) } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: the connection to ws:\/\/127\.0\.0\.1:\d+\/ws was lost \(close code \d+.*\); the results cover what was heard until then/);
    expect(run.stdout).toMatch(/sma-crossover/);
  }, 60_000);
});
