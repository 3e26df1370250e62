// The run form: a backtest or an optimization of a strategy (params from its schema, or their search space) on stored or synthetic data, with fills, latency, fees and cash; checked here, then sent.
import { useCallback, useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select } from '../../components/fields.tsx';
import { Tabs } from '../../components/tabs.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { api } from '../../lib/api.ts';
import { ParamFields } from '../bots/param-fields.tsx';
import { problemsByParam } from '../bots/param-form.ts';
import { runsPath, type BacktestStrategy, type DataCatalog, type Run } from './backtest-types.ts';
import { DataFields } from './data-fields.tsx';
import { ExecutionFields } from './execution-fields.tsx';
import { readOptimization } from './optimizer-form.ts';
import { readBacktest, prefixed, type FormErrors } from './run-form.ts';
import { SearchFields } from './search-fields.tsx';
import type { BacktestFormState, FormMode } from './use-backtest-form.ts';

export interface RunFormPanelProps {
  readonly catalog: DataCatalog;
  readonly strategies: readonly BacktestStrategy[];
  readonly state: BacktestFormState;
  readonly onStarted: (run: Run) => void;
}

const MODES = [
  { id: 'backtest', label: 'Backtest' },
  { id: 'optimize', label: 'Optimize' },
] as const;

/** Server refusals that concern one field. */
const CODE_FIELDS: Readonly<Record<string, string>> = { UNKNOWN_STRATEGY: 'strategy', UNKNOWN_SYMBOL: 'symbol', NO_DATA: 'data.source' };

export function RunFormPanel({ catalog, strategies, state, onStarted }: RunFormPanelProps) {
  const id = useId();
  const { form, optimizer, mode } = state;
  const [attempted, setAttempted] = useState(false);
  const fields = form ? state.fieldsOf(form.strategy) : [];
  const backtest = form ? readBacktest(form, catalog, fields) : undefined;
  const optimization = form && optimizer ? readOptimization(form, optimizer, catalog, fields) : undefined;
  const request = mode === 'backtest' ? backtest?.request : optimization?.request;

  const submit = useSubmit(
    useCallback(async () => {
      if (!request) return;
      const run = await api.post<Run>(runsPath(mode === 'backtest' ? 'backtest' : 'optimization'), request);
      setAttempted(false);
      onStarted(run);
    }, [request, mode, onStarted]),
  );

  if (!form || !optimizer) return null;

  const local: FormErrors = attempted ? ((mode === 'backtest' ? backtest?.errors : optimization?.errors) ?? {}) : {};
  const refusal = submit.error;
  const server: FormErrors = {
    ...(refusal?.fieldErrors ?? {}),
    ...(refusal?.code === 'INVALID_PARAMS' ? prefixed(problemsByParam(refusal.details), 'params.') : {}),
    ...(refusal && CODE_FIELDS[refusal.code] ? { [CODE_FIELDS[refusal.code]!]: refusal.message } : {}),
  };
  const errorOf = (path: string) => local[path] ?? server[path];
  const paramErrors = Object.fromEntries(Object.entries({ ...server, ...local }).flatMap(([path, message]) => (path.startsWith('params.') ? [[path.slice('params.'.length), message]] : [])));

  // An edit makes the last refusal stale: its marks go with it.
  const change = <T,>(apply: (value: T) => void) => (value: T) => {
    apply(value);
    if (refusal) submit.reset();
  };
  const update = change(state.update);
  const onParam = (name: string, value: string | boolean) => update({ params: { ...form.params, [name]: value } });
  const strategy = strategies.find((s) => s.id === form.strategy);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (request) submit.onSubmit();
    else requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-run-form="${id}"] [aria-invalid="true"]`)?.focus());
  };

  return (
    <Panel title="Run">
      <Tabs tabs={MODES} selected={mode} onSelect={(next) => state.setMode(next as FormMode)} label="Run type">
        <form data-run-form={id} onSubmit={onSubmit} noValidate aria-label={mode === 'backtest' ? 'Backtest settings' : 'Optimization settings'} className="flex flex-col gap-4">
          {refusal && <ErrorBanner error={refusal} />}
          {/* The strategy's name is the long one ("examples/sma-crossover"): it gets two thirds of the row. */}
          <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Select
              id={`${id}-strategy`}
              label="Strategy"
              value={form.strategy}
              onChange={(e) => change(state.chooseStrategy)(e.target.value)}
              options={strategies.map((s) => ({ value: s.id, label: s.source === 'example' ? s.id : `${s.id} (built-in)` }))}
              error={errorOf('strategy')}
            />
            <Select id={`${id}-symbol`} label="Symbol" value={form.symbol} onChange={(e) => change(state.chooseSymbol)(e.target.value)} options={catalog.instruments.map((i) => ({ value: i.symbol, label: i.symbol }))} error={errorOf('symbol')} />
          </div>
          {strategy && (
            <p className="-mt-2 text-xs text-muted">
              {strategy.description}
              {strategy.bars.length > 0 && <> Listens to {strategy.bars.join(', ')} bars.</>}
            </p>
          )}
          {mode === 'backtest' ? (
            <fieldset className="flex min-w-0 flex-col gap-2">
              <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Parameters</legend>
              {paramErrors['(params)'] && <p className="text-xs text-down">{paramErrors['(params)']}</p>}
              <ParamFields idPrefix={id} fields={fields} values={form.params} onChange={onParam} errors={paramErrors} />
            </fieldset>
          ) : (
            <SearchFields
              idPrefix={id}
              fields={fields}
              optimizer={optimizer}
              onOptimizer={change(state.updateOptimizer)}
              params={form.params}
              onParam={onParam}
              errorOf={errorOf}
              paramErrors={paramErrors}
              trials={optimization?.trials}
              runs={optimization?.runs}
            />
          )}
          <DataFields form={form} catalog={catalog} update={update} errorOf={errorOf} idPrefix={id} />
          <ExecutionFields form={form} catalog={catalog} update={update} errorOf={errorOf} idPrefix={id} />
          <div className="sticky bottom-0 -mx-3 -mb-3 flex flex-col gap-2 border-t border-line bg-surface px-3 py-3">
            {attempted && !request && <p className="text-xs text-down">Fix the marked fields first.</p>}
            <Button type="submit" busy={submit.busy} className="w-full">
              {mode === 'backtest' ? 'Run backtest' : 'Run optimization'}
            </Button>
          </div>
        </form>
      </Tabs>
    </Panel>
  );
}
