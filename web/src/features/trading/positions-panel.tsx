// Positions with live P&L: quantity, average cost, last price (ticker channel), market value, unrealized and realized P&L per symbol, with totals per currency.
import { Figure } from '../../components/figure.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { signOf } from '../../lib/decimal.ts';
import { subtractDecimal } from '../../lib/decimal-math.ts';
import { formatAmount, formatAverage, formatPercent, formatPrice, formatQty, trendClass } from '../../lib/format.ts';
import { SymbolLink } from './order-cells.tsx';
import { positionTotals, unrealizedPercent, type Position } from './positions.ts';
import type { ReferenceData } from './use-reference-data.ts';
import { usePositions } from './use-positions.ts';

function Signed({ value, scale }: { readonly value: string | null; readonly scale: number | undefined }) {
  return <span className={trendClass(value)}>{formatAmount(value, scale, true)}</span>;
}

export function PositionsPanel({ reference }: { readonly reference: ReferenceData }) {
  const live = usePositions();
  // Money columns are amounts of the quote currency, at its decimals as in the fills and the ledger.
  const scale = (quote: string) => reference.scales.get(quote);
  const columns: readonly Column<Position>[] = [
    {
      key: 'symbol',
      header: 'Symbol',
      cell: (p) => (
        <span className="flex flex-col">
          <SymbolLink symbol={p.symbol} />
          {signOf(p.qty) === 0 && <span className="text-xs text-muted">closed</span>}
        </span>
      ),
    },
    {
      key: 'qty',
      header: 'Qty',
      numeric: true,
      cell: (p) => {
        const uncosted = subtractDecimal(p.qty, p.costedQty);
        return (
          <>
            {formatQty(p.qty, reference.bySymbol.get(p.symbol)?.lotSize)}
            {signOf(uncosted) > 0 && <span className="block text-xs text-muted" title="Deposited units have no known cost and earn no P&L here.">{formatQty(uncosted)} no cost</span>}
          </>
        );
      },
    },
    { key: 'avg', header: 'Avg cost', numeric: true, hideOnMobile: true, cell: (p) => formatAverage(p.avgCost, reference.bySymbol.get(p.symbol)?.tickSize) },
    { key: 'last', header: 'Last', numeric: true, cell: (p) => <span data-testid={`last-${p.symbol}`}>{formatPrice(p.lastPrice, reference.bySymbol.get(p.symbol)?.tickSize)}</span> },
    { key: 'value', header: 'Market value', numeric: true, hideOnMobile: true, cell: (p) => formatAmount(p.marketValue, scale(p.quote)) },
    {
      key: 'unrealized',
      header: 'Unrealized',
      numeric: true,
      cell: (p) => {
        const percent = unrealizedPercent(p);
        return (
          <span data-testid={`unrealized-${p.symbol}`}>
            <Signed value={p.unrealized} scale={scale(p.quote)} />
            {percent !== null && <span className={`block text-xs ${trendClass(percent)}`}>{formatPercent(percent)}</span>}
          </span>
        );
      },
    },
    { key: 'realized', header: 'Realized', numeric: true, cell: (p) => <Signed value={p.realized} scale={scale(p.quote)} /> },
    { key: 'fees', header: 'Fees', numeric: true, hideOnMobile: true, cell: (p) => formatAmount(p.fees, scale(p.quote)) },
    { key: 'total', header: 'Total P&L', numeric: true, hideOnMobile: true, cell: (p) => <Signed value={p.total} scale={scale(p.quote)} /> },
  ];

  if (live.error) return <ErrorBanner error={live.error} onRetry={live.retry} />;
  const totals = live.positions ? positionTotals(live.positions) : [];
  return (
    <div className="flex flex-col gap-3">
      {totals.map((t) => (
        <Panel key={t.quote} title={`Totals in ${t.quote}`}>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-5">
            <Figure className="text-base" label="Market value" value={formatAmount(t.marketValue, scale(t.quote))} />
            <Figure className="text-base" label="Unrealized P&L" value={<Signed value={t.unrealized} scale={scale(t.quote)} />} testId={`total-unrealized-${t.quote}`} />
            <Figure className="text-base" label="Realized P&L" value={<Signed value={t.realized} scale={scale(t.quote)} />} />
            <Figure className="text-base" label="Fees" value={formatAmount(t.fees, scale(t.quote))} />
            <Figure className="text-base" label="Total P&L" value={<Signed value={t.total} scale={scale(t.quote)} />} />
          </dl>
        </Panel>
      ))}
      <Panel title="Positions" flush>
        {live.positions === undefined ? (
          <div className="p-4">
            <Spinner label="Loading positions" />
          </div>
        ) : (
          <DataTable label="Positions" columns={columns} rows={live.positions} rowKey={(p) => p.symbol} empty="No positions yet: holdings and fills show here." />
        )}
        <p className="border-t border-line px-3 py-2 text-xs text-muted">
          Average cost over your fills; realized P&L is what sells made over that cost, before fees. Last prices follow each market’s trades live. Deposited units have no known cost.
        </p>
      </Panel>
    </div>
  );
}
