// Form fields: TextField, Select and Checkbox, each with a <label> bound by id, a hint, and an error slot wired to aria-invalid/aria-describedby.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { cx } from './cx.ts';

interface FieldBase {
  readonly label: ReactNode;
  /** Shown under the field; when set the field is aria-invalid. */
  readonly error?: string | undefined;
  /** A short help text under the field. */
  readonly hint?: ReactNode;
}

const CONTROL = 'h-8 w-full rounded border bg-bg px-2 text-sm text-fg placeholder:text-muted/70 disabled:opacity-50';

/** Ids of a field and its descriptions; `describedBy` lists the hint and error that are shown. */
function useFieldIds(id: string | undefined, hint: unknown, error: unknown) {
  const generated = useId();
  const fieldId = id ?? generated;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return { fieldId, hintId, errorId, describedBy };
}

function Describe({ hint, hintId, error, errorId }: { hint?: ReactNode; hintId: string; error?: string | undefined; errorId: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-xs text-down">
          {error}
        </p>
      )}
    </>
  );
}

export type TextFieldProps = FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'children'>;

export function TextField({ label, error, hint, id, className, ...input }: TextFieldProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <label htmlFor={ids.fieldId} className="text-xs font-medium text-muted">
        {label}
      </label>
      <input
        id={ids.fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={cx(CONTROL, error ? 'border-down' : 'border-line', input.inputMode === 'decimal' && 'num text-right')}
        {...input}
      />
      <Describe hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
    </div>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: ReactNode;
  readonly disabled?: boolean;
}

export type SelectProps = FieldBase & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & { readonly options: readonly SelectOption[] };

export function Select({ label, error, hint, id, className, options, ...select }: SelectProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <label htmlFor={ids.fieldId} className="text-xs font-medium text-muted">
        {label}
      </label>
      <select id={ids.fieldId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} className={cx(CONTROL, error ? 'border-down' : 'border-line')} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      <Describe hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
    </div>
  );
}

export type CheckboxProps = FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'>;

export function Checkbox({ label, error, hint, id, className, ...input }: CheckboxProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <div className="flex items-center gap-2">
        <input id={ids.fieldId} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} className="size-3.5 accent-accent" {...input} />
        <label htmlFor={ids.fieldId} className="text-sm text-fg">
          {label}
        </label>
      </div>
      <Describe hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
    </div>
  );
}
