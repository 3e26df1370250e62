// The optimizer's part of the form: per param a range (from, to, step) or the values to try, or the one value it keeps; grid or random, the objective, walk-forward folds.
import { Checkbox, Select, TextField } from '../../components/fields.tsx';
import { ParamFields } from '../bots/param-fields.tsx';
import { paramText, type ParamField, type ParamValues } from '../bots/param-form.ts';
import { OBJECTIVES } from './backtest-types.ts';
import { formatFigure } from './metric-format.ts';
import { choicesOf, isNumeric, MAX_FOLDS, OBJECTIVE_LABELS, type OptimizerForm, type RangeForm } from './optimizer-form.ts';

export interface SearchFieldsProps {
  readonly fields: readonly ParamField[];
  readonly optimizer: OptimizerForm;
  readonly onOptimizer: (patch: Partial<OptimizerForm>) => void;
  readonly params: ParamValues;
  readonly onParam: (name: string, value: string | boolean) => void;
  readonly errorOf: (path: string) => string | undefined;
  /** Problems of the fixed params, by param name. */
  readonly paramErrors: Readonly<Record<string, string>>;
  readonly trials: number | undefined;
  readonly runs: number | undefined;
  readonly idPrefix: string;
}

export function SearchFields({ fields, optimizer, onOptimizer, params, onParam, errorOf, paramErrors, trials, runs, idPrefix }: SearchFieldsProps) {
  const setRange = (name: string, patch: Partial<RangeForm>) => {
    const current = optimizer.ranges[name];
    if (current) onOptimizer({ ranges: { ...optimizer.ranges, [name]: { ...current, ...patch } } });
  };
  const num = { inputMode: 'decimal' as const, autoComplete: 'off' };
  return (
    <>
      <fieldset className="flex min-w-0 flex-col gap-3">
        <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Search space</legend>
        {fields.length === 0 && <p className="text-xs text-muted">This strategy has no params to search.</p>}
        {errorOf('space') && <p className="text-xs text-down">{errorOf('space')}</p>}
        {fields.map((field) => {
          const range = optimizer.ranges[field.name];
          if (!range) return null;
          const at = `space.${field.name}`;
          const id = `${idPrefix}-search-${field.name}`;
          return (
            <div key={field.name} className="flex flex-col gap-2 rounded border border-line/70 p-2">
              <Checkbox id={id} label={`Search ${field.label.toLowerCase()}`} checked={range.search} onChange={(e) => setRange(field.name, { search: e.target.checked })} error={errorOf(at)} />
              {range.search && isNumeric(field) && (
                <div className="grid grid-cols-3 gap-2">
                  <TextField id={`${id}-from`} label="From" {...num} value={range.from} onChange={(e) => setRange(field.name, { from: e.target.value })} error={errorOf(`${at}.from`)} />
                  <TextField id={`${id}-to`} label="To" {...num} value={range.to} onChange={(e) => setRange(field.name, { to: e.target.value })} error={errorOf(`${at}.to`)} />
                  <TextField id={`${id}-step`} label="Step" {...num} value={range.step} onChange={(e) => setRange(field.name, { step: e.target.value })} error={errorOf(`${at}.step`)} />
                </div>
              )}
              {range.search && !isNumeric(field) && (
                <div role="group" aria-label={`${field.label} values to try`} className="flex flex-wrap gap-x-4 gap-y-1">
                  {choicesOf(field).map((choice) => (
                    <Checkbox
                      key={choice}
                      id={`${id}-choice-${choice}`}
                      label={choice}
                      checked={range.choices.includes(choice)}
                      onChange={(e) => setRange(field.name, { choices: e.target.checked ? [...range.choices, choice] : range.choices.filter((c) => c !== choice) })}
                    />
                  ))}
                </div>
              )}
              {!range.search && <ParamFields idPrefix={`${idPrefix}-fixed`} fields={[field]} values={params} onChange={onParam} errors={paramErrors} />}
              {range.search && field.defaultValue !== undefined && <p className="text-xs text-muted">default {paramText(field.defaultValue)}</p>}
            </div>
          );
        })}
      </fieldset>
      <fieldset className="flex min-w-0 flex-col gap-3">
        <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Search</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Select id={`${idPrefix}-method`} label="Method" value={optimizer.method} onChange={(e) => onOptimizer({ method: e.target.value === 'random' ? 'random' : 'grid' })} options={[{ value: 'grid', label: 'Grid: every combination' }, { value: 'random', label: 'Random: N distinct points' }]} error={errorOf('method')} />
          {optimizer.method === 'random' ? (
            <TextField id={`${idPrefix}-samples`} label="Trials (N)" {...num} value={optimizer.samples} onChange={(e) => onOptimizer({ samples: e.target.value })} error={errorOf('samples')} />
          ) : (
            <div className="hidden sm:block" />
          )}
          <Select id={`${idPrefix}-objective`} label="Objective (maximized)" value={optimizer.objective} onChange={(e) => onOptimizer({ objective: OBJECTIVES.find((o) => o === e.target.value) ?? 'sharpe' })} options={OBJECTIVES.map((o) => ({ value: o, label: OBJECTIVE_LABELS[o] }))} error={errorOf('objective')} className="sm:col-span-2" />
          <Checkbox id={`${idPrefix}-wf`} label="Walk-forward" hint="Tune on the first part of each fold, test the winner on the rest" checked={optimizer.walkForward} onChange={(e) => onOptimizer({ walkForward: e.target.checked })} className="sm:col-span-2" />
          {optimizer.walkForward && (
            <>
              <TextField id={`${idPrefix}-folds`} label="Folds" {...num} value={optimizer.folds} onChange={(e) => onOptimizer({ folds: e.target.value })} hint={`1 to ${MAX_FOLDS}`} error={errorOf('walkForward.folds')} />
              <TextField id={`${idPrefix}-in-sample`} label="In-sample share" {...num} value={optimizer.inSampleShare} onChange={(e) => onOptimizer({ inSampleShare: e.target.value })} hint="0.7: tune on 70%, test on 30%" error={errorOf('walkForward.inSampleShare')} />
            </>
          )}
        </div>
        <p data-testid="trial-count" className="text-xs text-muted">
          {trials === undefined ? 'Fix the ranges to see how many trials they make.' : runs !== undefined && runs !== trials ? `${formatFigure(trials, 0)} trials per fold, ${formatFigure(runs, 0)} backtests in all.` : `${formatFigure(trials, 0)} trials.`}
        </p>
      </fieldset>
    </>
  );
}
