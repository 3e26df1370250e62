// The order ticket's inputs for the chosen kind: prices, triggers, trailing distance, OCO legs, bracket exits, quantity with quick sizes, time in force, post-only and client order id.
import type { ReactNode } from 'react';
import { cx } from '../../components/cx.ts';
import { Checkbox, Select, TextField } from '../../components/fields.tsx';
import type { Instrument } from '../../lib/api.ts';
import { examplePlaceholder, formatPrice } from '../../lib/format.ts';
import { TICKET_KINDS, TIF_LABELS, tifHint, tifOptions, visibleFields, type TicketErrors, type TicketField, type TicketForm } from './ticket-form.ts';

export interface TicketFieldsProps {
  readonly form: TicketForm;
  readonly errors: TicketErrors;
  readonly instrument: Instrument;
  readonly onChange: (change: Partial<TicketForm>) => void;
  /** Best bid, best ask and last price for the price shortcuts. */
  readonly quotes: { readonly bid?: string; readonly ask?: string; readonly last?: string | null };
  /** Quick sizes (25%, 50%, 75%, Max of what the balance allows); undefined hides one. */
  readonly sizes: readonly { readonly label: string; readonly qty: string | undefined }[];
}

/** The id of a ticket field's input, for focusing the first invalid one. */
export function ticketFieldId(field: TicketField): string {
  return `ticket-${field}`;
}

function Shortcut({ label, onClick, disabled }: { readonly label: ReactNode; readonly onClick: () => void; readonly disabled?: boolean }) {
  return (
    <button type="button" onClick={onClick} disabled={disabled} className="num rounded border border-line px-1.5 py-px text-xs text-muted hover:border-muted hover:text-fg disabled:opacity-40">
      {label}
    </button>
  );
}

export function TicketFields({ form, errors, instrument, onChange, quotes, sizes }: TicketFieldsProps) {
  const fields = visibleFields(form);
  const quote = instrument.quote;
  const price = (field: 'price' | 'stopPrice' | 'stopLimitPrice' | 'takeProfitPrice' | 'stopLossPrice' | 'stopLossLimitPrice', label: string, hint?: ReactNode) =>
    fields.has(field) && (
      <TextField
        id={ticketFieldId(field)}
        label={`${label} (${quote})`}
        inputMode="decimal"
        autoComplete="off"
        placeholder={field === 'price' ? examplePlaceholder(formatPrice(quotes.last ?? instrument.lastPrice, instrument.tickSize, { group: false })) : undefined}
        value={form[field]}
        onChange={(event) => onChange({ [field]: event.target.value })}
        error={errors[field]}
        hint={hint}
      />
    );
  const setPrice = (value: string | null | undefined) => value && onChange({ price: value });
  const priceLabel = form.kind === 'oco' ? 'Limit leg price' : form.kind === 'bracket' ? 'Entry price' : 'Limit price';

  return (
    <div className="flex flex-col gap-2.5">
      <div className={cx('grid gap-2', form.kind === 'bracket' ? 'grid-cols-2' : 'grid-cols-1')}>
        <Select
          id={ticketFieldId('kind')}
          label="Order type"
          value={form.kind}
          onChange={(event) => onChange({ kind: event.target.value as TicketForm['kind'] })}
          options={TICKET_KINDS.map(({ value, label }) => ({ value, label }))}
        />
        {fields.has('entryType') && (
          <Select
            id={ticketFieldId('entryType')}
            label="Entry"
            value={form.entryType}
            onChange={(event) => onChange({ entryType: event.target.value as TicketForm['entryType'] })}
            options={[
              { value: 'limit', label: 'Limit' },
              { value: 'market', label: 'Market' },
            ]}
          />
        )}
      </div>

      {form.kind === 'oco' && <p className="text-xs text-muted">Two orders of one side and size: a limit and a stop. When one fills, the other is cancelled.</p>}
      {form.kind === 'bracket' && <p className="text-xs text-muted">An entry with a take-profit limit and a stop-loss that go live once it fills.</p>}

      {fields.has('price') && (
        <div className="flex flex-col gap-1">
          {price('price', priceLabel)}
          <div className="flex flex-wrap gap-1" role="group" aria-label="Quick prices">
            <Shortcut label="Bid" disabled={!quotes.bid} onClick={() => setPrice(quotes.bid)} />
            <Shortcut label="Ask" disabled={!quotes.ask} onClick={() => setPrice(quotes.ask)} />
            <Shortcut label="Last" disabled={!quotes.last} onClick={() => setPrice(quotes.last)} />
          </div>
        </div>
      )}
      {price('stopPrice', form.kind === 'oco' ? 'Stop leg trigger' : 'Stop price (trigger)', form.kind === 'oco' ? undefined : 'Triggers on the last trade price.')}
      {price('stopLimitPrice', 'Stop leg limit', 'Optional: without it the stop leg trades at market.')}

      {fields.has('trail') && (
        <div className="grid grid-cols-[5.5rem_1fr] gap-2">
          <Select
            id={ticketFieldId('trailBy')}
            label="Trail by"
            value={form.trailBy}
            onChange={(event) => onChange({ trailBy: event.target.value as TicketForm['trailBy'] })}
            options={[
              { value: 'amount', label: quote },
              { value: 'percent', label: '%' },
            ]}
          />
          <TextField
            id={ticketFieldId('trail')}
            label={form.trailBy === 'amount' ? `Trailing distance (${quote})` : 'Trailing distance (%)'}
            inputMode="decimal"
            autoComplete="off"
            value={form.trail}
            onChange={(event) => onChange({ trail: event.target.value })}
            error={errors.trail}
            hint={form.side === 'sell' ? 'Follows the highest price since placing.' : 'Follows the lowest price since placing.'}
          />
        </div>
      )}

      {(fields.has('takeProfitPrice') || fields.has('stopLossPrice')) && (
        <div className="grid grid-cols-2 gap-2">
          {price('takeProfitPrice', 'Take-profit')}
          {price('stopLossPrice', 'Stop-loss')}
        </div>
      )}
      {price('stopLossLimitPrice', 'Stop-loss limit', 'Optional: without it the stop-loss trades at market.')}

      <div className="flex flex-col gap-1">
        <TextField
          id={ticketFieldId('qty')}
          label={`Quantity (${instrument.base})`}
          inputMode="decimal"
          autoComplete="off"
          placeholder={examplePlaceholder(instrument.minQty)}
          value={form.qty}
          onChange={(event) => onChange({ qty: event.target.value })}
          error={errors.qty}
        />
        <div className="flex flex-wrap gap-1" role="group" aria-label="Quick sizes">
          {sizes.map((size) => (
            <Shortcut key={size.label} label={size.label} disabled={size.qty === undefined} onClick={() => size.qty && onChange({ qty: size.qty })} />
          ))}
        </div>
      </div>

      <div className="grid grid-cols-2 items-start gap-2">
        <Select
          id={ticketFieldId('tif')}
          label="Time in force"
          value={form.tif}
          onChange={(event) => onChange({ tif: event.target.value as TicketForm['tif'] })}
          options={tifOptions(form.kind, form.entryType).map((tif) => ({ value: tif, label: TIF_LABELS[tif] }))}
          error={errors.tif}
          hint={tifHint(form.tif, instrument.session, Date.now())}
        />
        {fields.has('postOnly') ? (
          <Checkbox
            id={ticketFieldId('postOnly')}
            label="Post only"
            checked={form.postOnly}
            onChange={(event) => onChange({ postOnly: event.target.checked })}
            error={errors.postOnly}
            hint="Maker only: refused if it would trade at once."
            className="pt-6"
          />
        ) : (
          <span />
        )}
      </div>
      {fields.has('expireAt') && (
        <TextField
          id={ticketFieldId('expireAt')}
          label="Expires at (your local time)"
          type="datetime-local"
          value={form.expireAt}
          onChange={(event) => onChange({ expireAt: event.target.value })}
          error={errors.expireAt}
        />
      )}
      <TextField
        id={ticketFieldId('clientOrderId')}
        label="Client order id (optional)"
        autoComplete="off"
        spellCheck={false}
        value={form.clientOrderId}
        onChange={(event) => onChange({ clientOrderId: event.target.value })}
        error={errors.clientOrderId}
        hint={form.kind === 'oco' ? 'Goes on the limit leg.' : form.kind === 'bracket' ? 'Goes on the entry.' : undefined}
      />
    </div>
  );
}
