// The data part of the run form: synthetic (kind, interval, count, seed, start, drift, volatility, jumps) or a stored series of the symbol with an optional time range.
import { Checkbox, Select, TextField } from '../../components/fields.tsx';
import { formatDateTime, formatDuration } from '../../lib/format.ts';
import type { DataCatalog } from './backtest-types.ts';
import { formatFigure } from './metric-format.ts';
import { BAR_INTERVALS, instrumentOf, seriesKey, storedSeriesOf, syntheticSpanMs, type DataSource, type RunForm } from './run-form.ts';

export interface FormPartProps {
  readonly form: RunForm;
  readonly catalog: DataCatalog;
  readonly update: (patch: Partial<RunForm>) => void;
  /** The form's own problem or the server's, by request path. */
  readonly errorOf: (path: string) => string | undefined;
  readonly idPrefix: string;
}

export function DataFields({ form, catalog, update, errorOf, idPrefix }: FormPartProps) {
  const stored = storedSeriesOf(catalog, form.symbol);
  const choose = (source: DataSource) => update({ source });
  return (
    <fieldset className="flex min-w-0 flex-col gap-3">
      <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Data</legend>
      <div role="radiogroup" aria-label="Data source" className="flex flex-wrap gap-x-4 gap-y-1">
        <Radio id={`${idPrefix}-source-synthetic`} name={`${idPrefix}-source`} label="Synthetic" checked={form.source === 'synthetic'} onChange={() => choose('synthetic')} />
        <Radio id={`${idPrefix}-source-stored`} name={`${idPrefix}-source`} label={`Stored history (${stored.length})`} checked={form.source === 'stored'} onChange={() => choose('stored')} />
      </div>
      {errorOf('data.source') && <p className="text-xs text-down">{errorOf('data.source')}</p>}
      {form.source === 'synthetic' ? <SyntheticFields form={form} catalog={catalog} update={update} errorOf={errorOf} idPrefix={idPrefix} /> : <StoredFields form={form} catalog={catalog} update={update} errorOf={errorOf} idPrefix={idPrefix} />}
    </fieldset>
  );
}

function Radio({ id, name, label, checked, onChange }: { id: string; name: string; label: string; checked: boolean; onChange: () => void }) {
  return (
    <span className="flex items-center gap-1.5">
      <input id={id} type="radio" name={name} checked={checked} onChange={onChange} className="size-3.5 accent-accent" />
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
    </span>
  );
}

function SyntheticFields({ form, catalog, update, errorOf, idPrefix }: FormPartProps) {
  const span = syntheticSpanMs(form);
  const reference = instrumentOf(catalog, form.symbol)?.referencePrice;
  const num = { inputMode: 'decimal' as const, autoComplete: 'off' };
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Select id={`${idPrefix}-kind`} label="Kind" value={form.kind} onChange={(e) => update({ kind: e.target.value === 'trades' ? 'trades' : 'bars', fillModel: '' })} options={catalog.synthetic.kinds.map((k) => ({ value: k, label: k }))} error={errorOf('data.kind')} />
      {form.kind === 'bars' ? (
        <Select id={`${idPrefix}-interval`} label="Bar interval" value={form.interval} onChange={(e) => update({ interval: e.target.value })} options={BAR_INTERVALS.map((i) => ({ value: i, label: i }))} error={errorOf('data.interval')} />
      ) : (
        <TextField id={`${idPrefix}-gap`} label="Mean gap between trades (ms)" {...num} value={form.meanTradeGapMs} onChange={(e) => update({ meanTradeGapMs: e.target.value })} error={errorOf('data.meanTradeGapMs')} />
      )}
      <TextField
        id={`${idPrefix}-count`}
        label={form.kind === 'bars' ? 'Bars' : 'Trades'}
        {...num}
        value={form.count}
        onChange={(e) => update({ count: e.target.value })}
        hint={span !== undefined ? `≈ ${formatDuration(span)} of market time; at most ${formatFigure(catalog.synthetic.maxCount, 0)}` : `at most ${formatFigure(catalog.synthetic.maxCount, 0)}`}
        error={errorOf('data.count')}
      />
      <TextField id={`${idPrefix}-data-seed`} label="Data seed" {...num} value={form.dataSeed} onChange={(e) => update({ dataSeed: e.target.value })} hint="The same seed gives the same series" error={errorOf('data.seed')} />
      <TextField id={`${idPrefix}-start`} label="Starts at (local time)" type="datetime-local" value={form.start} onChange={(e) => update({ start: e.target.value })} error={errorOf('data.start')} />
      <TextField
        id={`${idPrefix}-start-price`}
        label="Start price"
        {...num}
        value={form.startPrice}
        placeholder={reference ?? ''}
        onChange={(e) => update({ startPrice: e.target.value })}
        hint={reference ? `empty: the reference price ${reference}` : undefined}
        error={errorOf('data.startPrice')}
      />
      <TextField id={`${idPrefix}-drift`} label="Drift (annual)" {...num} value={form.drift} onChange={(e) => update({ drift: e.target.value })} hint="Of the log price; 0.05 is about 5% a year" error={errorOf('data.drift')} />
      <TextField id={`${idPrefix}-volatility`} label="Volatility (annual)" {...num} value={form.volatility} onChange={(e) => update({ volatility: e.target.value })} hint="0.2 is 20% a year" error={errorOf('data.volatility')} />
      <Checkbox id={`${idPrefix}-jumps`} label="Add jumps" checked={form.jumps} onChange={(e) => update({ jumps: e.target.checked })} hint="Poisson jumps of normal size in log price" className="sm:col-span-2" />
      {form.jumps && (
        <div className="grid grid-cols-3 gap-2 sm:col-span-2">
          <TextField id={`${idPrefix}-jumps-rate`} label="Jumps a year" {...num} value={form.jumpsPerYear} onChange={(e) => update({ jumpsPerYear: e.target.value })} error={errorOf('data.jumps.perYear')} />
          <TextField id={`${idPrefix}-jumps-mean`} label="Mean size" {...num} value={form.jumpMean} onChange={(e) => update({ jumpMean: e.target.value })} error={errorOf('data.jumps.mean')} />
          <TextField id={`${idPrefix}-jumps-sd`} label="Std dev" {...num} value={form.jumpStdDev} onChange={(e) => update({ jumpStdDev: e.target.value })} error={errorOf('data.jumps.stdDev')} />
        </div>
      )}
    </div>
  );
}

function StoredFields({ form, catalog, update, errorOf, idPrefix }: FormPartProps) {
  const stored = storedSeriesOf(catalog, form.symbol);
  if (stored.length === 0) {
    return <p className="text-xs text-muted">Nothing of {form.symbol} is stored. Store history with <code>bourse import</code> or <code>bourse generate</code>, or use synthetic data.</p>;
  }
  const series = stored.find((s) => seriesKey(s) === form.series);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Select
        id={`${idPrefix}-series`}
        label="Series"
        className="sm:col-span-2"
        value={form.series}
        onChange={(e) => update({ series: e.target.value, fillModel: '' })}
        options={stored.map((s) => ({ value: seriesKey(s), label: `${s.kind}${s.interval ? ` ${s.interval}` : ''} · ${formatFigure(s.rows, 0)} rows` }))}
        hint={series ? `${formatDateTime(series.first)} to ${formatDateTime(series.last)}` : undefined}
        error={errorOf('data.kind') ?? errorOf('data.interval')}
      />
      <TextField id={`${idPrefix}-from`} label="From (local time)" type="datetime-local" value={form.from} onChange={(e) => update({ from: e.target.value })} hint="empty: the first row" error={errorOf('data.from')} />
      <TextField id={`${idPrefix}-to`} label="To, exclusive (local time)" type="datetime-local" value={form.to} onChange={(e) => update({ to: e.target.value })} hint="empty: through the last row" error={errorOf('data.to')} />
    </div>
  );
}
