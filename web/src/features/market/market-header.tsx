// The market screen's header: the last price and the 24h change, high, low and volume from the ticker; and the switch to another market.
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { cx } from '../../components/cx.ts';
import type { Instrument, Ticker } from '../../lib/api.ts';
import { formatCompact, formatPercent, formatPrice, formatQty, trendClass } from '../../lib/format.ts';

export interface MarketHeaderProps {
  readonly instrument: Instrument;
  readonly ticker: Ticker | null | undefined;
  readonly lastPrice: string | null | undefined;
  readonly lastTick: number;
}

export function MarketHeader({ instrument, ticker, lastPrice, lastTick }: MarketHeaderProps) {
  const tick = instrument.tickSize;
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-md border border-line bg-surface px-3 py-2">
      <div data-testid="last-price" className={cx('num text-2xl font-semibold', lastTick > 0 ? 'text-up' : lastTick < 0 ? 'text-down' : 'text-fg')} aria-label="Last price">
        {formatPrice(lastPrice, tick)}
        <span className="ml-1 text-xs text-muted">{instrument.quote}</span>
      </div>
      <dl className="grid w-full grid-cols-3 gap-x-4 gap-y-1 text-xs sm:flex sm:w-auto sm:flex-wrap sm:gap-x-6">
        <Stat label="24h change" className="col-span-2">
          <span className={trendClass(ticker?.change)}>
            {formatPrice(ticker?.change, tick, { signed: true })} ({formatPercent(ticker?.changePercent)})
          </span>
        </Stat>
        <Stat label="24h high">{formatPrice(ticker?.high, tick)}</Stat>
        <Stat label="24h low">{formatPrice(ticker?.low, tick)}</Stat>
        <Stat label={`24h volume (${instrument.base})`}>{ticker ? formatQty(ticker.volume, instrument.lotSize) : '—'}</Stat>
        <Stat label={`24h volume (${instrument.quote})`} className="hidden sm:flex">
          {ticker ? formatCompact(ticker.quoteVolume) : '—'}
        </Stat>
      </dl>
    </div>
  );
}

/** The market switch: every listed symbol; choosing one opens its screen. */
export function MarketSwitch({ symbol, instruments }: { readonly symbol: string; readonly instruments: readonly Instrument[] }) {
  const navigate = useNavigate();
  return (
    <label className="flex items-center gap-1.5 text-xs text-muted">
      Market
      <select value={symbol} onChange={(event) => void navigate(`/markets/${encodeURIComponent(event.target.value)}`)} className="h-7 rounded border border-line bg-bg px-1.5 text-sm text-fg">
        {instruments.map((i) => (
          <option key={i.symbol} value={i.symbol}>
            {i.symbol} · {i.base}/{i.quote}
          </option>
        ))}
      </select>
    </label>
  );
}

function Stat({ label, children, className }: { readonly label: string; readonly children: ReactNode; readonly className?: string }) {
  return (
    <div className={cx('flex flex-col', className)}>
      <dt className="text-muted">{label}</dt>
      <dd className="num text-sm">{children}</dd>
    </div>
  );
}
