// Starts and stops a real platform for server tests: temp data dir, SQLite or a PostgreSQL schema, captured logs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startPlatform, type PlatformConfig, type RunningPlatform } from '../../src/api/app.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { Api } from './http-client.ts';
import { dropSchema, TEST_PG_URL, uniqueSchema } from './postgres.ts';

export type Backend = 'sqlite' | 'postgres';

/** Cheap argon2 settings: hashing at production cost would dominate the suite's run time. */
export const FAST_HASHING = Object.freeze({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export const ADMIN = Object.freeze({ username: 'root-admin', password: 'admin-password-123' });

/** A test markets file: USD with cents and 24 look-alike stocks (S01..S24 at 100), so each test can trade a book of its own. */
export const TEST_MARKETS = new URL('./test-markets.json', import.meta.url);

/** One stock with tight bounds: tick 0.05, lot 10, 20 to 100 an order, band ±5% around 100 (95 to 105). */
export const TIGHT_MARKETS = new URL('./tight-markets.json', import.meta.url);

export interface TestPlatformOptions extends Partial<Omit<PlatformConfig, 'dataDir' | 'databaseUrl' | 'databaseSchema' | 'logStream'>> {
  readonly backend?: Backend;
  /** Reuse a data dir (and schema) instead of a fresh one, e.g. to reopen what another platform left. */
  readonly dataDir?: string;
  readonly schema?: string;
}

/** Every log line the platform wrote, as text; keeps tests quiet and lets one check what was logged. */
export class LogCapture extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    done();
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** Parsed JSON lines (pino writes one object per line). */
  lines(): Array<Record<string, unknown>> {
    return this.text
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/** One platform under test; `restart` reopens it on the same data dir and schema. */
export class TestPlatform {
  readonly logs = new LogCapture();
  private current: RunningPlatform | undefined;

  private constructor(
    readonly backend: Backend,
    readonly dataDir: string,
    readonly schema: string | undefined,
    private readonly ownsData: boolean,
    private readonly options: TestPlatformOptions,
  ) {}

  static async start(options: TestPlatformOptions = {}): Promise<TestPlatform> {
    const backend = options.backend ?? 'sqlite';
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'bourse-it-')));
    const schema = backend === 'postgres' ? (options.schema ?? uniqueSchema('srv')) : undefined;
    const platform = new TestPlatform(backend, dataDir, schema, options.dataDir === undefined, options);
    try {
      await platform.open();
    } catch (error) {
      await platform.dispose();
      throw error;
    }
    return platform;
  }

  get running(): RunningPlatform {
    if (!this.current) throw new Error('the platform is not running');
    return this.current;
  }

  get url(): string {
    return this.running.url;
  }

  get wsUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/ws`;
  }

  /** An anonymous client; log in or use a key to act as someone. */
  api(): Api {
    return new Api(this.url);
  }

  async open(overrides: Partial<TestPlatformOptions> = {}): Promise<void> {
    if (this.current) throw new Error('the platform is already running');
    const { backend: _backend, dataDir: _dir, schema: _schema, ...rest } = { ...this.options, ...overrides };
    const config: PlatformConfig = {
      host: '127.0.0.1',
      port: 0,
      passwordHashing: FAST_HASHING,
      admin: ADMIN,
      // Suites register many users and try wrong passwords from one address; test/server/sign-in-limits.test.ts sets its own limits.
      signIn: { registrationsPerHour: 1_000_000, failuresPerAddress: 1_000_000 },
      ...rest,
      dataDir: this.dataDir,
      logStream: this.logs,
      ...(this.schema === undefined ? {} : { databaseUrl: TEST_PG_URL, databaseSchema: this.schema }),
    };
    this.current = await startPlatform(config);
  }

  async close(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    await running?.close();
  }

  /** While the platform is closed: its store, to change what a crash would have left (close it before `open`). */
  async openStoreWhileClosed(): Promise<Store> {
    if (this.current) throw new Error('close the platform first: it owns its store while it runs');
    return openStore(this.schema === undefined ? { sqlitePath: join(this.dataDir, 'bourse.sqlite') } : { databaseUrl: TEST_PG_URL, schema: this.schema });
  }

  async restart(overrides: Partial<TestPlatformOptions> = {}): Promise<void> {
    await this.close();
    await this.open(overrides);
  }

  /** Closes, then removes the data dir and drops the schema this platform created. */
  async dispose(): Promise<void> {
    await this.close().catch(() => undefined);
    if (!this.ownsData) return;
    await rm(this.dataDir, { recursive: true, force: true });
    if (this.schema !== undefined) await dropSchema(this.schema);
  }
}
