// The risk repositories over an open store: built on demand, so the store's own surface stays as it is.
import type { Store } from './database.ts';
import { RiskEventsRepo } from './risk-events.ts';
import { RiskHistoryRepo } from './risk-history.ts';
import { RiskAccountsRepo, RiskLimitsRepo } from './risk-limits.ts';

export interface RiskStore {
  readonly limits: RiskLimitsRepo;
  readonly accounts: RiskAccountsRepo;
  readonly events: RiskEventsRepo;
  readonly history: RiskHistoryRepo;
}

/** Writes go through `store.db`; history reads through `store.reader`, so they never wait for the projector. */
export function riskStore(store: Pick<Store, 'db' | 'reader'>): RiskStore {
  return {
    limits: new RiskLimitsRepo(store.db),
    accounts: new RiskAccountsRepo(store.db),
    events: new RiskEventsRepo(store.db),
    history: new RiskHistoryRepo(store.db, store.reader),
  };
}
