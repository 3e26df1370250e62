// Test helpers for the risk service: a real exchange and store in a temp dir, a hand-moved clock, and trading shortcuts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Side } from '../../core/orders.ts';
import { tempDir } from '../../journal/test-support.ts';
import { openStore, type Store } from '../../store/index.ts';
import { Exchange, type ExchangeLogger } from '../exchange.ts';
import type { MarketsConfig } from '../markets-config.ts';
import { RiskService } from './risk-service.ts';

/** 10:00 UTC on 2023-11-15. */
export const MORNING = 1_700_006_400_000 + 10 * 3_600_000;

/** One stock, cents and no fees, and a wide band so prices can fall far in one trade. */
export const RISK_MARKETS: MarketsConfig = {
  assets: [
    { code: 'USD', scale: 2 },
    { code: 'ACME', scale: 0 },
  ],
  instruments: [{ symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 9000 }],
};

/** Prints nothing, but keeps errors so a test can require there were none, and warnings and info lines to read. */
export class QuietLogger implements ExchangeLogger {
  readonly errors: unknown[] = [];
  readonly lines: Array<{ readonly details: object; readonly message: string }> = [];
  info(details: object, message: string): void {
    this.lines.push({ details, message });
  }
  warn(details: object, message: string): void {
    this.lines.push({ details, message });
  }
  error(details: object, message: string): void {
    this.errors.push({ details, message });
  }
}

/** A new account of `exchange` holding `cents` of USD and `acme` shares of RISK_MARKETS' stock. */
export async function fundedAccount(exchange: Exchange, cents: number, acme = 0): Promise<number> {
  const accountId = await exchange.openAccount();
  if (cents > 0) await exchange.execute({ type: 'deposit', ts: exchange.now(), accountId, asset: 'USD', amount: cents });
  if (acme > 0) await exchange.execute({ type: 'deposit', ts: exchange.now(), accountId, asset: 'ACME', amount: acme });
  return accountId;
}

/** An exchange, its store and a risk service over one data dir; `reopen` restarts all three on the same files. */
export class RiskRig {
  readonly clock = { now: MORNING };
  readonly logger = new QuietLogger();
  private parts: { store: Store; exchange: Exchange; risk: RiskService } | undefined;

  private constructor(readonly dir: string) {}

  static async start(): Promise<RiskRig> {
    const rig = new RiskRig(await mkdtemp(join(tmpdir(), 'bourse-risk-')));
    await rig.open();
    return rig;
  }

  get exchange(): Exchange {
    return this.running.exchange;
  }

  get risk(): RiskService {
    return this.running.risk;
  }

  get store(): Store {
    return this.running.store;
  }

  async open(): Promise<void> {
    const store = await openStore({ sqlitePath: join(this.dir, 'bourse.sqlite') });
    const exchange = await Exchange.open({ dataDir: join(this.dir, 'journal'), store, markets: RISK_MARKETS, logger: this.logger, clock: () => this.clock.now, tickMs: 0 });
    // No timer: tests tick by hand.
    const risk = await RiskService.open({ exchange, store, logger: this.logger, tickMs: 0, sampleMs: 60_000 });
    this.parts = { store, exchange, risk };
  }

  /** Closes in the platform's order: exchange, then risk, then store. */
  async close(): Promise<void> {
    const parts = this.parts;
    this.parts = undefined;
    if (!parts) return;
    await parts.exchange.close();
    await parts.risk.close();
    await parts.store.close();
  }

  async reopen(): Promise<void> {
    await this.close();
    await this.open();
  }

  async dispose(): Promise<void> {
    await this.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A new account holding `usd` dollars and `acme` shares. */
  account(usd: number, acme = 0): Promise<number> {
    return fundedAccount(this.exchange, usd * 100, acme);
  }

  /** A gtc limit order in whole shares at a price in dollars. */
  order(accountId: number, side: Side, qty: number, dollars: number) {
    return this.exchange.execute({ type: 'placeOrder', ts: this.exchange.now(), order: { accountId, symbol: 'ACME', side, type: 'limit', qty, price: Math.round(dollars * 100), tif: 'gtc' } });
  }

  /** `seller` rests an ask and `buyer` lifts it: one trade at `dollars`. */
  async trade(seller: number, buyer: number, qty: number, dollars: number): Promise<void> {
    await this.order(seller, 'sell', qty, dollars);
    await this.order(buyer, 'buy', qty, dollars);
  }

  private get running() {
    if (!this.parts) throw new Error('the rig is not running');
    return this.parts;
  }
}

/**
 * SQLite stores under a fresh temp directory for each test, closed after it. Call at the top of a
 * test file; `dir()` is the current test's directory and `storeAt(name)` opens a store file in it.
 */
export function storesPerTest(prefix: string): { readonly dir: () => string; readonly storeAt: (name: string) => Promise<Store> } {
  let dir = '';
  const stores: Store[] = [];
  beforeEach(async () => {
    dir = await tempDir(prefix);
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  return {
    dir: () => dir,
    storeAt: async (name) => {
      const store = await openStore({ sqlitePath: join(dir, name), projectInWorker: false });
      stores.push(store);
      return store;
    },
  };
}
