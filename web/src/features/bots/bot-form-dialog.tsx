// The bot dialogs: create (name, strategy, symbols, params, funding, start now) and configure (symbols and params, PATCH).
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Checkbox, Select, TextField } from '../../components/fields.tsx';
import { Modal } from '../../components/modal.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import type { Bot, Instrument, StrategyInfo } from '../../lib/api.ts';
import { isDecimal, signOf } from '../../lib/decimal.ts';
import { ParamFields } from './param-fields.tsx';
import { initialValues, paramFields, problemsByParam, readParams, type ParamValues } from './param-form.ts';
import { SymbolPicker } from './symbol-picker.tsx';
import type { BotChanges, NewBot } from './use-bots.ts';
import { botNameProblem } from './bot-name.ts';

export const DEFAULT_CASH = '10000';

interface Common {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly strategies: readonly StrategyInfo[];
  readonly instruments: readonly Instrument[];
}

export type BotFormDialogProps = Common &
  ({ readonly mode: 'create'; readonly onCreate: (input: NewBot) => Promise<void> } | { readonly mode: 'configure'; readonly bot: Bot; readonly onConfigure: (id: number, changes: BotChanges) => Promise<void> });

/** Only mounted while open, so each opening starts from a fresh form. */
export function BotFormDialog(props: BotFormDialogProps) {
  const title = props.mode === 'create' ? 'New bot' : `Configure ${props.bot.name}`;
  return (
    <Modal open={props.open} onClose={props.onClose} title={title} className="w-[min(44rem,calc(100vw-1rem))]">
      {props.open && <BotForm {...props} />}
    </Modal>
  );
}

function BotForm(props: BotFormDialogProps) {
  const id = useId();
  const editing = props.mode === 'configure' ? props.bot : undefined;
  const [name, setName] = useState('');
  const [strategyName, setStrategyName] = useState(editing?.strategy ?? props.strategies[0]?.name ?? '');
  const strategy = props.strategies.find((s) => s.name === strategyName);
  const fields = useMemo(() => (strategy ? paramFields(strategy) : []), [strategy]);
  const [values, setValues] = useState<ParamValues>(() => initialValues(fields, editing?.params));
  const [symbols, setSymbols] = useState<string[]>(editing?.symbols ?? []);
  const [cash, setCash] = useState(DEFAULT_CASH);
  const [inventory, setInventory] = useState('');
  const [start, setStart] = useState(true);
  // After the first submit, the form's own checks follow every keystroke, so a fixed field loses its message.
  const [attempted, setAttempted] = useState(false);

  // A new strategy brings its own params, at their defaults.
  useEffect(() => {
    if (!editing) setValues(initialValues(fields));
  }, [fields, editing]);

  /** The form's own checks; the server checks again (and rules across params only it knows). */
  const validate = (): Record<string, string> => {
    const problems: Record<string, string> = { ...readParams(fields, values).errors };
    const nameProblem = editing ? undefined : botNameProblem(name);
    if (nameProblem) problems.name = nameProblem;
    if (symbols.length === 0) problems.symbols = 'Choose at least one symbol.';
    if (!editing && !isPositive(cash)) problems.cash = 'Enter an amount above 0.';
    if (!editing && inventory.trim() !== '' && !isPositive(inventory)) problems.inventory = 'Enter an amount above 0, or leave it empty.';
    return problems;
  };

  const submit = useSubmit(
    useCallback(async () => {
      const { params } = readParams(fields, values);
      if (props.mode === 'configure') {
        await props.onConfigure(props.bot.id, { params, symbols });
      } else {
        const deposits = inventory.trim() === '' ? undefined : Object.fromEntries(baseAssets(props.instruments, symbols).map((asset) => [asset, inventory.trim()]));
        await props.onCreate({ name: name.trim(), strategy: strategyName, params, symbols, cash: cash.trim(), deposits, start });
      }
      props.onClose();
    }, [fields, values, name, symbols, cash, inventory, start, strategyName, props]),
  );

  const local = attempted ? validate() : {};
  const server = submit.error;
  const fieldErrors = server?.fieldErrors ?? {};
  const paramErrors = { ...(server?.code === 'INVALID_PARAMS' ? problemsByParam(server.details) : {}), ...pick(fieldErrors, 'params.'), ...local };
  const errorOf = (field: string) => local[field] ?? fieldErrors[field] ?? firstUnder(fieldErrors, `${field}.`);
  const nameError = errorOf('name') ?? (server?.code === 'ALREADY_EXISTS' ? server.message : undefined);
  const symbolsError = errorOf('symbols') ?? (server?.code === 'UNKNOWN_SYMBOL' ? server.message : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(validate()).length === 0) submit.onSubmit();
  };
  const formId = `${id}-form`;
  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={props.mode === 'create' ? 'New bot' : 'Configure bot'}>
      {server && <ErrorBanner error={server} />}
      {server?.code === 'FORBIDDEN' && <p className="text-xs text-muted">Delete a bot you no longer need, then create this one.</p>}
      {!editing && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField id={`${id}-name`} label="Name" value={name} onChange={(e) => setName(e.target.value)} hint="1 to 20 ASCII letters, digits, “.”, “_” or “-”" error={nameError} autoComplete="off" maxLength={20} autoFocus />
          <Select
            id={`${id}-strategy`}
            label="Strategy"
            value={strategyName}
            onChange={(e) => setStrategyName(e.target.value)}
            options={props.strategies.map((s) => ({ value: s.name, label: s.name }))}
            error={errorOf('strategy') ?? (server?.code === 'UNKNOWN_STRATEGY' ? server.message : undefined)}
          />
        </div>
      )}
      {strategy && <p className="text-xs text-muted">{strategy.description}</p>}
      {editing && <p className="text-xs text-muted">{editing.state === 'running' ? 'The bot is running: it restarts with the new settings.' : 'The new settings apply from the next start.'}</p>}
      <SymbolPicker idPrefix={id} instruments={props.instruments} selected={symbols} onChange={setSymbols} error={symbolsError} />
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-muted">Parameters</legend>
        {paramErrors['(params)'] && <p className="text-xs text-down">{paramErrors['(params)']}</p>}
        <ParamFields idPrefix={id} fields={fields} values={values} onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))} errors={paramErrors} />
      </fieldset>
      {!editing && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField id={`${id}-cash`} label="Starting cash (USD)" inputMode="decimal" value={cash} onChange={(e) => setCash(e.target.value)} hint="New money for the bot's own account; your balance is not touched." error={errorOf('cash')} autoComplete="off" />
          <TextField
            id={`${id}-inventory`}
            label="Starting inventory per symbol"
            inputMode="decimal"
            value={inventory}
            onChange={(e) => setInventory(e.target.value)}
            placeholder="none"
            hint="Base units of each chosen symbol; a market maker needs some to quote an ask."
            error={errorOf('inventory') ?? errorOf('deposits')}
            autoComplete="off"
          />
          <Checkbox id={`${id}-start`} label="Start immediately" checked={start} onChange={(e) => setStart(e.target.checked)} className="sm:col-span-2" />
        </div>
      )}
      <div className="flex justify-end gap-2 border-t border-line pt-3">
        <Button variant="ghost" onClick={props.onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={submit.busy}>
          {props.mode === 'create' ? 'Create bot' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}

function isPositive(value: string): boolean {
  const text = value.trim();
  return isDecimal(text) && signOf(text) > 0;
}

/** The base assets of the chosen symbols, each once (two symbols may share one). */
function baseAssets(instruments: readonly Instrument[], symbols: readonly string[]): string[] {
  return [...new Set(symbols.flatMap((symbol) => instruments.find((i) => i.symbol === symbol)?.base ?? []))];
}

/** Entries under a path prefix ("params.spreadBps") by the rest of their path. */
function pick(errors: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).flatMap(([path, message]) => (path.startsWith(prefix) ? [[path.slice(prefix.length), message]] : [])));
}

function firstUnder(errors: Readonly<Record<string, string>>, prefix: string): string | undefined {
  return Object.entries(errors).find(([path]) => path.startsWith(prefix))?.[1];
}
