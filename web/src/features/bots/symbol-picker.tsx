// SymbolPicker: the listed symbols as a group of checkboxes (a bot trades one or more).
import { cx } from '../../components/cx.ts';
import type { Instrument } from '../../lib/api.ts';

export interface SymbolPickerProps {
  readonly instruments: readonly Instrument[];
  readonly selected: readonly string[];
  readonly onChange: (symbols: string[]) => void;
  readonly error?: string | undefined;
  readonly idPrefix: string;
}

export function SymbolPicker({ instruments, selected, onChange, error, idPrefix }: SymbolPickerProps) {
  const errorId = `${idPrefix}-symbols-error`;
  const toggle = (symbol: string, on: boolean) => onChange(on ? [...selected, symbol] : selected.filter((s) => s !== symbol));
  return (
    <fieldset aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} className="flex min-w-0 flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-muted">Symbols</legend>
      <div className={cx('grid max-h-36 grid-cols-3 gap-x-3 gap-y-1 overflow-y-auto rounded border p-2 sm:grid-cols-4', error ? 'border-down' : 'border-line')}>
        {instruments.map((instrument) => {
          const id = `${idPrefix}-symbol-${instrument.symbol}`;
          return (
            <div key={instrument.symbol} className="flex items-center gap-1.5">
              <input id={id} type="checkbox" className="size-3.5 accent-accent" checked={selected.includes(instrument.symbol)} onChange={(e) => toggle(instrument.symbol, e.target.checked)} />
              <label htmlFor={id} className="truncate text-sm">
                {instrument.symbol}
              </label>
            </div>
          );
        })}
      </div>
      {error && (
        <p id={errorId} className="text-xs text-down">
          {error}
        </p>
      )}
    </fieldset>
  );
}
