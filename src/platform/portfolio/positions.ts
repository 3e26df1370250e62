// Positions per account at average cost: loaded from the stored fills on first use, then kept up to date from committed batches.
import type { Fill } from '../../core/events.ts';
import type { Store } from '../../store/index.ts';
import type { Exchange } from '../exchange.ts';
import { topics } from '../topics.ts';
import { PositionBook } from './position-book.ts';

/** Fills read per query while loading an account's history. */
const LOAD_PAGE = 5_000;

/**
 * An account's book is built the first time it is asked for, from every fill the store holds for
 * it; from then on each committed batch's fills are applied as they come. Fills committed while a
 * book loads are queued and applied after it, and a fill applies once however it arrives (by seq).
 */
export class Positions {
  private readonly books = new Map<number, PositionBook>();
  private readonly loading = new Map<number, Promise<PositionBook>>();
  /** Fills of accounts whose book is loading, in commit order. */
  private readonly queued = new Map<number, Fill[]>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly exchange: Exchange,
    private readonly store: Store,
  ) {
    this.unsubscribe = exchange.bus.subscribe(topics.committed, (message) => {
      if (message.kind !== 'committed') return;
      for (const event of message.events) if (event.type === 'Fill') this.onFill(event);
    });
  }

  /** The account's book, up to date with everything committed. */
  book(accountId: number): Promise<PositionBook> {
    const ready = this.books.get(accountId);
    if (ready) return Promise.resolve(ready);
    let pending = this.loading.get(accountId);
    if (pending === undefined) {
      pending = this.load(accountId).finally(() => this.loading.delete(accountId));
      this.loading.set(accountId, pending);
    }
    return pending;
  }

  close(): void {
    this.unsubscribe();
  }

  private onFill(fill: Fill): void {
    const book = this.books.get(fill.accountId);
    if (book) book.apply(fill);
    else this.queued.get(fill.accountId)?.push(fill);
  }

  private async load(accountId: number): Promise<PositionBook> {
    // Queue first, then read: a fill committed from here on is queued, one committed before is stored.
    this.queued.set(accountId, []);
    try {
      await this.exchange.settled();
      const engine = this.exchange.engine;
      const book = new PositionBook((symbol) => engine.instrument(symbol)?.notionalPerTickLot);
      for (let after = 0; ; ) {
        const rows = await this.store.fills.ascending(accountId, after, LOAD_PAGE);
        for (const row of rows) book.apply({ seq: row.id, symbol: row.symbol, side: row.side, price: row.price, qty: row.qty, fee: row.fee });
        if (rows.length < LOAD_PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
      for (const fill of this.queued.get(accountId) ?? []) book.apply(fill);
      this.books.set(accountId, book);
      return book;
    } finally {
      this.queued.delete(accountId);
    }
  }
}
