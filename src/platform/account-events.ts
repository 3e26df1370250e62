// Splits a batch of engine events by the account each one concerns, for private streams.
import type { EngineEvent } from '../core/events.ts';

/** Events that name an account, grouped by it in batch order; the fee account's entries are left out. */
export function accountEvents(events: readonly EngineEvent[]): Map<number, EngineEvent[]> {
  const byAccount = new Map<number, EngineEvent[]>();
  for (const event of events) {
    const accountId = 'accountId' in event ? event.accountId : undefined;
    if (accountId === undefined || accountId === 0) continue;
    let list = byAccount.get(accountId);
    if (!list) byAccount.set(accountId, (list = []));
    list.push(event);
  }
  return byAccount;
}
