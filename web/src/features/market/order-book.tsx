// The order book ladder: asks above, bids below, the last price and spread between, cumulative depth bars; a price pressed goes to the order ticket.
import { memo, useMemo } from 'react';
import { cx } from '../../components/cx.ts';
import { Spinner } from '../../components/spinner.tsx';
import type { Instrument } from '../../lib/api.ts';
import type { BookState } from '../../lib/book.ts';
import { formatPrice, formatQty } from '../../lib/format.ts';
import { buildLadder, type LadderRow, type OwnPrices } from './book-ladder.ts';

export interface OrderBookProps {
  readonly instrument: Instrument;
  readonly book: BookState;
  /** Levels shown per side. */
  readonly levels: number;
  readonly lastPrice: string | null | undefined;
  /** -1, 0 or 1: the last trade's direction, for the last price's colour. */
  readonly lastTick: number;
  readonly own: OwnPrices;
  readonly onPick: (price: string) => void;
}

const GRID = 'grid grid-cols-[1fr_1fr_1fr] gap-2 px-3';

export const OrderBook = memo(function OrderBook({ instrument, book, levels, lastPrice, lastTick, own, onPick }: OrderBookProps) {
  const ladder = useMemo(() => buildLadder(book, levels, instrument.tickSize, own), [book, levels, instrument.tickSize, own]);
  const loading = book.seq < 0;
  // Empty rows keep the spread line in one place while levels come and go.
  const askPad = Math.max(0, levels - ladder.asks.length);
  const bidPad = Math.max(0, levels - ladder.bids.length);
  return (
    <div data-testid="order-book" className="flex flex-col text-xs">
      <div className={cx(GRID, 'border-b border-line py-1 text-muted')} aria-hidden="true">
        <span>Price ({instrument.quote})</span>
        <span className="text-right">Size ({instrument.base})</span>
        <span className="text-right">Total</span>
      </div>
      {loading ? (
        <div className="flex h-40 items-center justify-center">
          <Spinner label="Loading the order book" />
        </div>
      ) : (
        <>
          <ul aria-label="Asks (sell orders), highest price first" className="flex flex-col">
            {Array.from({ length: askPad }, (_, i) => (
              <li key={`pad-${i}`} className="h-5" aria-hidden="true" />
            ))}
            {ladder.asks.map((row) => (
              <Level key={row.price} row={row} instrument={instrument} onPick={onPick} />
            ))}
          </ul>
          <div data-testid="book-spread" className="flex items-baseline justify-between gap-2 border-y border-line bg-bg/60 px-3 py-1.5">
            <span className={cx('num text-base font-semibold', lastTick > 0 ? 'text-up' : lastTick < 0 ? 'text-down' : 'text-fg')} title="Last price">
              {formatPrice(lastPrice, instrument.tickSize)}
              <span aria-hidden="true" className="ml-1 text-xs">
                {lastTick > 0 ? '▲' : lastTick < 0 ? '▼' : ''}
              </span>
            </span>
            <span className="num text-muted">
              Spread {formatPrice(ladder.spread, instrument.tickSize)}
              {ladder.spreadBps !== undefined && <span className="hidden sm:inline"> ({ladder.spreadBps} bps)</span>}
              <span className="sr-only">, mid {ladder.mid ?? 'none'}</span>
            </span>
          </div>
          <ul aria-label="Bids (buy orders), highest price first" className="flex flex-col">
            {ladder.bids.map((row) => (
              <Level key={row.price} row={row} instrument={instrument} onPick={onPick} />
            ))}
            {Array.from({ length: bidPad }, (_, i) => (
              <li key={`pad-${i}`} className="h-5" aria-hidden="true" />
            ))}
          </ul>
          {ladder.asks.length === 0 && ladder.bids.length === 0 && <p className="px-3 py-2 text-center text-muted">The book is empty.</p>}
        </>
      )}
    </div>
  );
});

function Level({ row, instrument, onPick }: { readonly row: LadderRow; readonly instrument: Instrument; readonly onPick: (price: string) => void }) {
  const ask = row.side === 'sell';
  const price = formatPrice(row.price, instrument.tickSize);
  return (
    <li className="relative h-5">
      {/* Depth bar: display only, its width is the cumulative size's share. */}
      <span aria-hidden="true" className={cx('absolute inset-y-0 right-0', ask ? 'bg-down/12' : 'bg-up/12')} style={{ width: `${(row.depth * 100).toFixed(1)}%` }} />
      <button
        type="button"
        onClick={() => onPick(row.price)}
        title="Use this price in the order ticket"
        aria-label={`${ask ? 'Ask' : 'Bid'} ${price}, size ${formatQty(row.qty, instrument.lotSize)}${row.mine ? ', your order' : ''}: use this price`}
        className={cx(GRID, 'num relative h-5 w-full items-center text-left hover:bg-raised/70 focus-visible:bg-raised')}
      >
        <span className={cx('flex items-center gap-1', ask ? 'text-down' : 'text-up')}>
          {price}
          {row.mine && <span aria-hidden="true" className="size-1.5 rounded-full bg-warn" title="Your order" />}
        </span>
        <span className="text-right text-fg">{formatQty(row.qty, instrument.lotSize)}</span>
        <span className="text-right text-muted">{formatQty(row.total, instrument.lotSize)}</span>
      </button>
    </li>
  );
}
