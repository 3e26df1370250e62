// The recent-trades tape: newest first, price coloured by the taker's side (green: a buyer took the ask; red: a seller hit the bid).
import { memo } from 'react';
import { cx } from '../../components/cx.ts';
import { Spinner } from '../../components/spinner.tsx';
import type { Instrument } from '../../lib/api.ts';
import { formatPrice, formatQty, formatTime, sideClass } from '../../lib/format.ts';
import type { TapeState } from './use-market-data.ts';

const GRID = 'grid grid-cols-[1fr_1fr_auto] gap-2 px-3';

export const TradeTape = memo(function TradeTape({ instrument, tape, rows }: { readonly instrument: Instrument; readonly tape: TapeState; readonly rows: number }) {
  const shown = tape.trades.slice(0, rows);
  return (
    <div data-testid="trade-tape" className="flex flex-col text-xs">
      <div className={cx(GRID, 'border-b border-line py-1 text-muted')} aria-hidden="true">
        <span>Price ({instrument.quote})</span>
        <span className="text-right">Size ({instrument.base})</span>
        <span className="w-16 text-right">Time</span>
      </div>
      {!tape.loaded && (
        <div className="flex h-24 items-center justify-center">
          <Spinner label="Loading trades" />
        </div>
      )}
      {tape.loaded && shown.length === 0 && <p className="px-3 py-4 text-center text-muted">No trades yet.</p>}
      <ol aria-label="Recent trades, newest first" className="flex flex-col">
        {shown.map((trade) => (
          <li key={trade.tradeId} className={cx(GRID, 'num h-5 items-center')}>
            <span className={sideClass(trade.takerSide)}>
              {formatPrice(trade.price, instrument.tickSize)}
              <span className="sr-only"> {trade.takerSide === 'buy' ? 'bought' : 'sold'}</span>
            </span>
            <span className="text-right">{formatQty(trade.qty, instrument.lotSize)}</span>
            <span className="w-16 text-right text-muted">{formatTime(trade.ts)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
});
