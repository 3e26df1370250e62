// A real browser for the dashboard tests: Debian's chromium driven by playwright-core, with every console error and page error collected.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.BOURSE_TEST_CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where screenshots go; CI keeps `test-artifacts/` as the run's artifacts. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

export const DESKTOP = Object.freeze({ width: 1440, height: 900 });
export const PHONE = Object.freeze({ width: 390, height: 844 });

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserProblem(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install -y chromium)`;
}

/** Builds the dashboard when web/dist is missing or older than its sources; a failed build fails the caller. */
export function ensureDashboardBuilt(): void {
  const script = fileURLToPath(new URL('../../scripts/ensure-web-build.js', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--strict'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web dashboard did not build: run `npm run build:web` to see why');
}

/** One browser for a test file; each user gets a context of their own (separate storage, so separate logins). */
export class TestBrowser {
  /** Console errors, page errors and failed requests, as "where: what" lines. */
  readonly problems: string[] = [];

  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<TestBrowser> {
    return new TestBrowser(await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS }));
  }

  /** A page in a fresh context (a new user's browser), watched for errors. */
  async newPage(baseURL: string, viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
    const context: BrowserContext = await this.browser.newContext({ baseURL, viewport });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') this.problems.push(`console ${message.type()} on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error on ${page.url()}: ${error.message}`));
    // Chromium's console names no address for a failed load; this line does.
    page.on('response', (response) => {
      if (response.status() >= 400) this.problems.push(`HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
    });
    return page;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>-<width>x<height>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  const path = `${SCREENSHOT_DIR}${name}-${size?.width ?? 0}x${size?.height ?? 0}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
