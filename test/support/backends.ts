// Declares a server suite once per read-model backend: SQLite always, PostgreSQL when it answers (always in CI).
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresProblem, PG_REQUIRED, redactedPgUrl } from './postgres.ts';
import { TEST_MARKETS, TestPlatform, type Backend, type TestPlatformOptions } from './platform.ts';


const pgProblem = await postgresProblem();
if (pgProblem !== undefined && !PG_REQUIRED) {
  console.warn(`PostgreSQL server tests skipped: ${redactedPgUrl()} is unreachable (${pgProblem}). Set BOURSE_TEST_PG_URL to point elsewhere; CI=true turns this into a failure.`);
}

export interface BackendSuite {
  readonly backend: Backend;
  /** The suite's running platform (inside tests and hooks only). */
  readonly platform: () => TestPlatform;
}

/**
 * Starts one platform per backend for the whole describe block, and disposes of it (data dir, schema)
 * afterwards. The two backends share nothing, so their suites run side by side; the tests of each
 * run one after another, in order, against their own platform.
 */
export function describeEachBackend(title: string, body: (suite: BackendSuite) => void, options: TestPlatformOptions = {}): void {
  describe(title, () => {
    for (const backend of ['sqlite', 'postgres'] as const) {
      const skipped = backend === 'postgres' && pgProblem !== undefined && !PG_REQUIRED;
      if (skipped) {
        describe.skip(`postgres: skipped, ${redactedPgUrl()} unreachable`, () => body({ backend, platform: unavailable }));
        continue;
      }
      describe.concurrent(backend, () => {
        let platform: TestPlatform | undefined;
        beforeAll(async () => {
          if (backend === 'postgres' && pgProblem !== undefined) throw new Error(`PostgreSQL is required (CI=true) but ${redactedPgUrl()} is unreachable: ${pgProblem}`);
          platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, ...options, backend });
        });
        afterAll(async () => {
          await platform?.dispose();
        });
        describe.sequential('in order', () =>
          body({
            backend,
            platform: () => platform ?? unavailable(),
          }),
        );
      });
    }
  });
}

function unavailable(): never {
  throw new Error('the platform runs only inside tests and hooks');
}
