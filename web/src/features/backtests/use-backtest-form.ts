// useBacktestForm: the run form and the optimizer settings, started from the catalog's defaults, switched per strategy and symbol, and filled from an earlier run (or one of its trials).
import { useCallback, useEffect, useState } from 'react';
import { initialValues, paramFields, type ParamField } from '../bots/param-form.ts';
import type { BacktestStrategy, DataCatalog, Run } from './backtest-types.ts';
import { defaultOptimizer, optimizerFromRequest, type OptimizerForm } from './optimizer-form.ts';
import { defaultForm, formFromRequest, withSymbol, type RunForm } from './run-form.ts';

export type FormMode = 'backtest' | 'optimize';

export interface BacktestFormState {
  /** Undefined until the catalog and the strategies have loaded. */
  readonly form: RunForm | undefined;
  readonly optimizer: OptimizerForm | undefined;
  readonly mode: FormMode;
  readonly setMode: (mode: FormMode) => void;
  readonly fieldsOf: (strategyId: string) => readonly ParamField[];
  readonly update: (patch: Partial<RunForm>) => void;
  readonly updateOptimizer: (patch: Partial<OptimizerForm>) => void;
  readonly chooseStrategy: (id: string) => void;
  readonly chooseSymbol: (symbol: string) => void;
  /** Fills the form from a run's request; `params` (a trial's) replace its params and switch to a single backtest. */
  readonly load: (run: Run, params?: Readonly<Record<string, unknown>>) => void;
}

export function useBacktestForm(catalog: DataCatalog | undefined, strategies: readonly BacktestStrategy[] | undefined): BacktestFormState {
  const [form, setForm] = useState<RunForm | undefined>(undefined);
  const [optimizer, setOptimizer] = useState<OptimizerForm | undefined>(undefined);
  const [mode, setMode] = useState<FormMode>('backtest');

  const fieldsOf = useCallback(
    (id: string): readonly ParamField[] => {
      const strategy = strategies?.find((s) => s.id === id);
      return strategy ? paramFields(strategy) : [];
    },
    [strategies],
  );

  useEffect(() => {
    if (!catalog || !strategies || form) return;
    const fresh = defaultForm(catalog, strategies, fieldsOf);
    setForm(fresh);
    setOptimizer(defaultOptimizer(fieldsOf(fresh.strategy)));
  }, [catalog, strategies, form, fieldsOf]);

  const update = useCallback((patch: Partial<RunForm>) => setForm((current) => current && { ...current, ...patch }), []);
  const updateOptimizer = useCallback((patch: Partial<OptimizerForm>) => setOptimizer((current) => current && { ...current, ...patch }), []);

  const chooseStrategy = useCallback(
    (id: string) => {
      setForm((current) => current && { ...current, strategy: id, params: initialValues(fieldsOf(id)) });
      setOptimizer(defaultOptimizer(fieldsOf(id)));
    },
    [fieldsOf],
  );

  const chooseSymbol = useCallback((symbol: string) => setForm((current) => current && catalog && withSymbol(current, catalog, symbol)), [catalog]);

  const load = useCallback(
    (run: Run, params?: Readonly<Record<string, unknown>>) => {
      if (!catalog || !strategies) return;
      const fields = fieldsOf(run.request.strategy);
      // An optimization's params are its space: the values it held fixed go to the form.
      const given = params ?? (run.kind === 'optimization' ? Object.fromEntries(Object.entries(run.request.space).filter(([, entry]) => typeof entry !== 'object')) : undefined);
      setForm((current) => formFromRequest(withSymbol(current ?? defaultForm(catalog, strategies, fieldsOf), catalog, run.request.symbol), run.request, fields, given));
      if (run.kind === 'optimization') setOptimizer(optimizerFromRequest(defaultOptimizer(fields), run.request, fields));
      else setOptimizer(defaultOptimizer(fields));
      setMode(run.kind === 'optimization' && params === undefined ? 'optimize' : 'backtest');
    },
    [catalog, strategies, fieldsOf],
  );

  return { form, optimizer, mode, setMode, fieldsOf, update, updateOptimizer, chooseStrategy, chooseSymbol, load };
}
