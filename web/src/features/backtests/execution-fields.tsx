// The execution part of the run form: fill model (those the data allows), slippage, latency, fees, starting cash and the strategy's seed.
import { Checkbox, Select, TextField } from '../../components/fields.tsx';
import type { FormPartProps } from './data-fields.tsx';
import { dataKind, instrumentOf } from './run-form.ts';

export function ExecutionFields({ form, catalog, update, errorOf, idPrefix }: FormPartProps) {
  const kind = dataKind(form, catalog);
  const instrument = instrumentOf(catalog, form.symbol);
  const chosen = catalog.fillModels.find((m) => m.name === form.fillModel);
  const num = { inputMode: 'decimal' as const, autoComplete: 'off' };
  // A model no data kind of this page has (book-replay needs recorded L2 book records) is not offered; the hint says why.
  const offered = catalog.fillModels.filter((m) => m.kinds.length > 0);
  const unavailable = catalog.fillModels.filter((m) => m.kinds.length === 0).map((m) => m.name);
  const options = [
    { value: '', label: `Default (${kind === 'bars' ? 'bar-path' : 'trade-through'})` },
    ...offered.map((m) => ({ value: m.name, label: m.kinds.includes(kind) ? m.name : `${m.name} (not for ${kind})`, disabled: !m.kinds.includes(kind) })),
  ];
  const unavailableHint = unavailable.length > 0 ? ` ${unavailable.join(', ')} needs recorded L2 book data, which synthetic and stored series do not have: run it with the CLI on a paper recording.` : '';
  return (
    <fieldset className="flex min-w-0 flex-col gap-3">
      <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Execution</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Select
          id={`${idPrefix}-fill-model`}
          label="Fill model"
          className="sm:col-span-2"
          value={form.fillModel}
          onChange={(e) => update({ fillModel: e.target.value as typeof form.fillModel })}
          options={options}
          hint={`${chosen?.description ?? 'bar-path for bars, trade-through for trades.'}${unavailableHint}`}
          error={errorOf('fillModel')}
        />
        <Checkbox id={`${idPrefix}-touch`} label="Fill limits on touch" hint="A limit fills when the market reaches its price, not only through it" checked={form.fillOnTouch} onChange={(e) => update({ fillOnTouch: e.target.checked })} className="sm:col-span-2" />
        <TextField id={`${idPrefix}-slip-ticks`} label="Slippage (ticks)" {...num} value={form.slippageTicks} onChange={(e) => update({ slippageTicks: e.target.value })} error={errorOf('slippageTicks')} />
        <TextField id={`${idPrefix}-slip-bps`} label="Slippage (bps)" {...num} value={form.slippageBps} onChange={(e) => update({ slippageBps: e.target.value })} hint="The larger of the two applies" error={errorOf('slippageBps')} />
        <TextField id={`${idPrefix}-latency`} label="Latency (ms)" {...num} value={form.latencyMs} onChange={(e) => update({ latencyMs: e.target.value })} hint="Delay of every order action" error={errorOf('latency.ms') ?? errorOf('latency')} />
        <TextField id={`${idPrefix}-jitter`} label="Jitter (ms)" {...num} value={form.jitterMs} onChange={(e) => update({ jitterMs: e.target.value })} hint="Plus a seeded uniform 0 to this" error={errorOf('latency.jitterMs')} />
        <Checkbox
          id={`${idPrefix}-fees`}
          label="Own fees"
          hint={instrument ? `${instrument.symbol} charges maker ${instrument.makerFeeBps} bps, taker ${instrument.takerFeeBps} bps` : undefined}
          checked={form.overrideFees}
          onChange={(e) => update({ overrideFees: e.target.checked })}
          className="sm:col-span-2"
        />
        {form.overrideFees && (
          <>
            <TextField id={`${idPrefix}-maker`} label="Maker fee (bps)" {...num} value={form.makerBps} onChange={(e) => update({ makerBps: e.target.value })} error={errorOf('fees.makerBps')} />
            <TextField id={`${idPrefix}-taker`} label="Taker fee (bps)" {...num} value={form.takerBps} onChange={(e) => update({ takerBps: e.target.value })} error={errorOf('fees.takerBps')} />
          </>
        )}
        <TextField id={`${idPrefix}-cash`} label={`Starting cash (${instrument?.quote ?? 'quote'})`} {...num} value={form.cash} onChange={(e) => update({ cash: e.target.value })} error={errorOf('cash')} />
        <TextField id={`${idPrefix}-seed`} label="Strategy seed" {...num} value={form.seed} onChange={(e) => update({ seed: e.target.value })} hint="Its random numbers and the jitter" error={errorOf('seed')} />
      </div>
    </fieldset>
  );
}
