// The inputs of a strategy's params, built from its schema: numbers with their range and default, enums as selects, booleans as checkboxes.
import { Checkbox, Select, TextField } from '../../components/fields.tsx';
import { paramText, rangeOf, type ParamField, type ParamValues } from './param-form.ts';

export interface ParamFieldsProps {
  readonly fields: readonly ParamField[];
  readonly values: ParamValues;
  readonly onChange: (name: string, value: string | boolean) => void;
  /** Problems by param name (the form's own checks and the server's). */
  readonly errors: Readonly<Record<string, string>>;
  /** Keeps ids unique when two forms are on screen. */
  readonly idPrefix: string;
}

export function ParamFields({ fields, values, onChange, errors, idPrefix }: ParamFieldsProps) {
  if (fields.length === 0) return <p className="text-xs text-muted">This strategy has no params.</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {fields.map((field) => {
        const id = `${idPrefix}-param-${field.name}`;
        const error = errors[field.name];
        const value = values[field.name];
        switch (field.kind) {
          case 'boolean':
            return <Checkbox key={field.name} id={id} label={field.label} hint={field.description} checked={value === true} onChange={(e) => onChange(field.name, e.target.checked)} error={error} className="sm:col-span-2" />;
          case 'enum':
            return (
              <Select
                key={field.name}
                id={id}
                label={field.label}
                hint={field.description}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(field.name, e.target.value)}
                options={field.options.map((option) => ({ value: option, label: option }))}
                error={error}
              />
            );
          case 'number':
          case 'integer':
          case 'text':
            return (
              <TextField
                key={field.name}
                id={id}
                label={field.label}
                hint={hintOf(field)}
                inputMode={field.kind === 'text' ? undefined : 'decimal'}
                placeholder={field.defaultValue === undefined ? 'not set' : paramText(field.defaultValue)}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(field.name, e.target.value)}
                error={error}
                autoComplete="off"
              />
            );
        }
      })}
    </div>
  );
}

function hintOf(field: ParamField): string | undefined {
  const range = rangeOf(field);
  const fallback = field.defaultValue === undefined ? 'optional' : `default ${paramText(field.defaultValue)}`;
  return [field.description, [range, fallback].filter(Boolean).join('; ')].filter(Boolean).join(' · ');
}
