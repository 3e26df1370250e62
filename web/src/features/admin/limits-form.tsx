// LimitsForm: edits one layer of risk limits (an account's admin layer or a strategy's) and replaces it with PUT.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { TextField } from '../../components/fields.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import type { RiskLimitName, RiskLimits } from '../../lib/api.ts';
import { LIMITS, limitValues, limitsBody, type LimitValues } from './limits.ts';

export interface LimitsFormProps {
  readonly limits: RiskLimits;
  readonly currency: string;
  /** Replaces the layer with the body; resolves once saved. */
  readonly onSave: (body: RiskLimits) => Promise<void>;
  readonly saveLabel: string;
}

export function LimitsForm({ limits, currency, onSave, saveLabel }: LimitsFormProps) {
  const id = useId();
  const [values, setValues] = useState<LimitValues>(() => limitValues(limits));
  const [local, setLocal] = useState<Partial<Record<RiskLimitName, string>>>({});
  // A fresh answer from the server (after a save, or another account) resets the form.
  useEffect(() => setValues(limitValues(limits)), [limits]);

  const submit = useSubmit(useCallback(() => onSave(limitsBody(values).body), [onSave, values]));
  const clear = useSubmit(useCallback(() => onSave({}), [onSave]));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { errors } = limitsBody(values);
    setLocal(errors);
    if (Object.keys(errors).length === 0) submit.onSubmit();
  };
  const server = submit.error ?? clear.error;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <ErrorBanner error={server} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {LIMITS.map(({ name, label, unit }) => (
          <TextField
            key={name}
            id={`${id}-${name}`}
            label={unit === 'money' ? `${label} (${currency})` : label}
            inputMode="decimal"
            placeholder="no limit"
            value={values[name]}
            onChange={(e) => setValues((current) => ({ ...current, [name]: e.target.value }))}
            error={local[name] ?? server?.fieldErrors[name]}
            autoComplete="off"
          />
        ))}
      </div>
      <p className="text-xs text-muted">An empty field is not limited by this layer. Saving replaces the whole layer and takes effect at once.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={submit.busy}>
          {saveLabel}
        </Button>
        <Button variant="ghost" busy={clear.busy} onClick={() => clear.onSubmit()}>
          Remove all
        </Button>
      </div>
    </form>
  );
}
