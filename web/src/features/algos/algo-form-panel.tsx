// The form that starts an algo order: the algorithm, the symbol, side and quantity, then the fields that algorithm takes; checked here, then by the server.
import { useCallback, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select, TextField } from '../../components/fields.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { api, type AlgoOrder, type AlgoType } from '../../lib/api.ts';
import type { ReferenceData } from '../trading/use-reference-data.ts';
import { ALGO_LABELS, algoFields, algoRequest, emptyAlgoForm, type AlgoErrors, type AlgoField, type AlgoForm } from './algo-form.ts';

const HINTS: Partial<Record<AlgoType, string>> = {
  twap: 'Equal slices at equal intervals over the duration.',
  vwap: 'Slices sized by the weights you give, one per slice.',
  peg: 'Rests at the best bid or ask (or better) and follows it.',
  iceberg: 'Shows only part of the quantity at a time at the limit price.',
  stop: 'Sends a market order (a limit order with a limit price) once the last trade reaches the trigger.',
  trailing_stop: 'A stop that follows the best price by a distance or a percent.',
};

/** The body's names for fields the form asks for in other units or under one input. */
const SERVER_PATHS: Partial<Record<AlgoField, readonly string[]>> = {
  durationMinutes: ['durationMs'],
  timingJitter: ['randomize.timing', 'randomize'],
  trail: ['trailAmount', 'trailPercent'],
};

export function AlgoFormPanel({ reference, onStarted }: { readonly reference: ReferenceData; readonly onStarted: (order: AlgoOrder) => void }) {
  const toast = useToast();
  const [form, setForm] = useState<AlgoForm>(() => emptyAlgoForm(reference.instruments[0]?.symbol ?? ''));
  const [tried, setTried] = useState(false);
  const instrument = reference.bySymbol.get(form.symbol);
  const checked = instrument ? algoRequest(form, instrument) : undefined;
  const local: AlgoErrors = tried && checked && !checked.ok ? checked.errors : {};
  const set = <K extends keyof AlgoForm>(key: K, value: AlgoForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = useSubmit(
    useCallback(async () => {
      if (!checked?.ok) return;
      const { algoOrder } = await api.post<{ algoOrder: AlgoOrder }>('/api/v1/algo-orders', checked.body);
      toast.show(`${ALGO_LABELS[algoOrder.type]} #${algoOrder.id} started.`, 'success');
      setTried(false);
      onStarted(algoOrder);
    }, [checked, toast, onStarted]),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (checked?.ok) submit.onSubmit();
  };

  const fields = new Set(algoFields(form.type));
  const errorOf = (field: AlgoField) => local[field] ?? submit.fieldErrors[field] ?? SERVER_PATHS[field]?.map((path) => submit.fieldErrors[path]).find(Boolean);
  const quote = instrument?.quote ?? '';
  const base = instrument?.base ?? '';
  // A list of weights needs commas and spaces, which a phone's decimal keypad lacks: it gets the full keyboard.
  const number = (field: AlgoField, label: string, hint?: string, inputMode: 'decimal' | 'text' = 'decimal') => (
    <TextField key={field} label={label} inputMode={inputMode} autoComplete="off" value={form[field]} onChange={(e) => set(field, e.target.value)} error={errorOf(field)} hint={hint} />
  );
  return (
    <Panel title="Start an algo order">
      <form onSubmit={onSubmit} noValidate aria-label="Algo order" className="flex flex-col gap-3">
        <ErrorBanner error={submit.error} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Select label="Algorithm" value={form.type} onChange={(e) => set('type', e.target.value as AlgoType)} options={Object.entries(ALGO_LABELS).map(([value, label]) => ({ value, label }))} hint={HINTS[form.type]} />
          <Select label="Symbol" value={form.symbol} onChange={(e) => set('symbol', e.target.value)} options={reference.instruments.map((i) => ({ value: i.symbol, label: i.symbol }))} />
          <Select
            label="Side"
            value={form.side}
            onChange={(e) => set('side', e.target.value as AlgoForm['side'])}
            options={[
              { value: 'buy', label: 'Buy' },
              { value: 'sell', label: 'Sell' },
            ]}
          />
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          {number('qty', `Quantity (${base})`)}
          {fields.has('durationMinutes') && number('durationMinutes', 'Duration (minutes)')}
          {fields.has('slices') && number('slices', 'Slices')}
          {fields.has('profile') && number('profile', 'Volume profile', 'One weight per slice, e.g. 1, 2, 3, 2, 1.', 'text')}
          {fields.has('style') && (
            <Select
              label="Order style"
              value={form.style}
              onChange={(e) => set('style', e.target.value as AlgoForm['style'])}
              options={[
                { value: 'market', label: 'Market orders' },
                { value: 'limit', label: 'Limit orders at the touch' },
              ]}
            />
          )}
          {fields.has('timingJitter') && number('timingJitter', 'Timing jitter (%)', 'Optional: moves each slice by up to this share of its interval.')}
          {fields.has('improveTicks') && number('improveTicks', 'Ticks better than the touch')}
          {fields.has('displayQty') && number('displayQty', `Display quantity (${base})`)}
          {fields.has('stopPrice') && number('stopPrice', `Trigger price (${quote})`)}
          {fields.has('limitPrice') && number('limitPrice', `Limit price (${quote})`, form.type === 'iceberg' ? undefined : `Optional: never ${form.side === 'buy' ? 'above' : 'below'} this price.`)}
          {fields.has('trail') && (
            <>
              <Select
                label="Trail by"
                value={form.trailBy}
                onChange={(e) => set('trailBy', e.target.value as AlgoForm['trailBy'])}
                options={[
                  { value: 'percent', label: 'Percent' },
                  { value: 'amount', label: `Amount (${quote})` },
                ]}
              />
              {number('trail', form.trailBy === 'percent' ? 'Trailing distance (%)' : `Trailing distance (${quote})`)}
            </>
          )}
        </div>
        <div className="flex justify-end border-t border-line pt-3">
          <Button type="submit" variant={form.side === 'buy' ? 'buy' : 'sell'} busy={submit.busy}>
            Start {ALGO_LABELS[form.type]} {form.side === 'buy' ? 'buy' : 'sell'}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
