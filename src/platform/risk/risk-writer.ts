// The risk service's writes to the store, run one after another in call order, failures logged.
import type { NewRiskEvent, RiskDailyRow, RiskSampleRow, RiskStore } from '../../store/index.ts';
import type { ExchangeLogger } from '../exchange.ts';
import { storedKill, type KillState } from './risk-settings.ts';

/**
 * One chain, so a kill switch turned on and then off is stored in that order, and `idle()` tells
 * shutdown when everything asked for is written. A failed write does not stop the ones after it.
 */
export class RiskWriter {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly repos: RiskStore,
    private readonly logger: ExchangeLogger,
  ) {}

  /** Queues a write; the promise settles with it (callers that answer a request await it). */
  run(write: () => Promise<void>): Promise<void> {
    const done = this.chain.then(write);
    this.chain = done.catch((error: unknown) => this.logger.error({ err: error }, 'storing risk state failed'));
    return done;
  }

  /** Queues a write nobody waits for; a failure is only logged. */
  later(write: () => Promise<void>): void {
    this.run(write).catch(() => undefined);
  }

  /** Resolves once every write queued so far has settled. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** The switch's new state and the event saying why, in one step of the chain. */
  killSwitch(accountId: number, kill: KillState | undefined, event: NewRiskEvent, at: number): Promise<void> {
    return this.run(async () => {
      await this.repos.accounts.setKill(accountId, kill === undefined ? null : storedKill(kill), at);
      await this.repos.events.insert(event);
    });
  }

  history(days: readonly RiskDailyRow[], samples: readonly RiskSampleRow[]): void {
    if (days.length === 0 && samples.length === 0) return;
    this.later(async () => {
      await this.repos.history.upsertDays(days);
      await this.repos.history.insertSamples(samples);
    });
  }
}
