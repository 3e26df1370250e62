// What a ledger entry refers to, in words.
import type { LedgerEntry } from '../../lib/api.ts';

/** What the entry's refId points at: the order (hold, release) or the trade (trade, fee); transfers carry their memo. */
export function ledgerReference(entry: Pick<LedgerEntry, 'reason' | 'refId' | 'memo'>): string {
  switch (entry.reason) {
    case 'hold':
    case 'release':
      return `order #${entry.refId}`;
    case 'trade':
    case 'fee':
      return `trade #${entry.refId}`;
    default:
      return entry.memo ?? '—';
  }
}
