// CLI commands that read a running Bourse's public endpoints (leaderboard, instruments) through the shared REST client, and what they say when the address is not a Bourse.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBourse } from '../support/cli-run.ts';
import { TestPlatform, TEST_MARKETS } from '../support/platform.ts';
import { newTrader } from '../support/traders.ts';

const STRATEGY = join(import.meta.dirname, '..', '..', 'examples', 'sma-crossover.ts');

let platform: TestPlatform;
/** A web server that is not Bourse: every path answers an HTML page. */
let webPage: Server;
let webPageUrl: string;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  for (let i = 0; i < 2; i++) await newTrader(platform.url, { USD: String(1_000 * (i + 1)) });
  webPage = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
  await new Promise<void>((resolve) => webPage.listen(0, '127.0.0.1', resolve));
  webPageUrl = `http://127.0.0.1:${(webPage.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  webPage?.close();
  await platform?.dispose();
});

describe('bourse leaderboard and run --paper over REST', () => {
  it('prints the leaderboard as a table, without credentials', async () => {
    const run = await runBourse(['leaderboard', '--url', platform.url]);
    expect(run.stderr).toBe('');
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^#\s+participant\s+equity \(USD\)\s+return %\s+max DD %\s+Sharpe\s+trades$/);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]).toMatch(/^1\s+\S+\s+2000\.00\s+0\.00\s+0\.00\s+—\s+0$/);
  }, 30_000);

  it('says an address that answers without JSON is not a Bourse server, instead of a JSON parse error', async () => {
    const leaderboard = await runBourse(['leaderboard', '--url', webPageUrl]);
    expect(leaderboard.code).toBe(1);
    expect(leaderboard.stderr).toBe(`error: ${webPageUrl} answered 200 without JSON; is --url a Bourse server?\n`);
    const paper = await runBourse(['run', STRATEGY, '--paper', '--symbol', 'S01', '--url', webPageUrl]);
    expect(paper.code).toBe(1);
    expect(paper.stderr).toBe(`error: ${webPageUrl} answered 200 without JSON; is --url a Bourse server?\n`);
  }, 60_000);

  it('run --paper reads the listed instruments through the same client', async () => {
    const run = await runBourse(['run', STRATEGY, '--paper', '--symbol', 'NOPE', '--url', platform.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: NOPE is not listed on ${platform.url}\n`);
  }, 30_000);
});
