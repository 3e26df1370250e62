// The replace dialog: a new price, trigger and/or quantity for one live order, with what the change does to its place in the queue.
import { useCallback, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { TextField } from '../../components/fields.tsx';
import { Modal } from '../../components/modal.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { api, type Instrument, type Order } from '../../lib/api.ts';
import { signOf } from '../../lib/decimal.ts';
import { formatPrice, formatQty } from '../../lib/format.ts';
import { orderTypeLabel, stopText } from '../market/order-text.ts';
import { editableFields, initialValues, replaceEffect, replaceFieldOfCode, replaceRequest, type ReplaceErrors, type ReplaceField, type ReplaceValues } from './replace-form.ts';

export interface ReplaceDialogProps {
  /** The order to replace; null closes the dialog. */
  readonly order: Order | null;
  readonly instrument: Instrument | undefined;
  readonly onClose: () => void;
  /** Called with the order as the server answered. */
  readonly onReplaced: (order: Order) => void;
}

const EFFECT_TEXT = {
  'keeps-priority': 'A smaller quantity at the same price keeps the order’s place in the queue.',
  'loses-priority': 'A new price or a larger quantity moves the order to the back of the queue at its price; a price that crosses the book trades at once.',
  waits: 'The order is not in the book yet: it keeps waiting for its trigger.',
  none: 'Lowering the quantity keeps the order’s place in the queue; a new price or a larger quantity loses it.',
} as const;

export function ReplaceDialog({ order, instrument, onClose, onReplaced }: ReplaceDialogProps) {
  return (
    <Modal open={order !== null} onClose={onClose} title={order ? `Replace order #${order.id}` : 'Replace order'}>
      {order && instrument && <ReplaceForm key={order.id} order={order} instrument={instrument} onClose={onClose} onReplaced={onReplaced} />}
    </Modal>
  );
}

function ReplaceForm({ order, instrument, onClose, onReplaced }: { readonly order: Order; readonly instrument: Instrument; readonly onClose: () => void; readonly onReplaced: (order: Order) => void }) {
  const toast = useToast();
  const [values, setValues] = useState<ReplaceValues>(() => initialValues(order));
  const [tried, setTried] = useState(false);
  const fields = editableFields(order);
  const result = replaceRequest(order, instrument, values);
  const body = result.ok ? result.body : {};
  // Problems show from the first try on, and follow the typing after it.
  const local: ReplaceErrors = tried && !result.ok ? result.errors : {};

  const submit = useSubmit(
    useCallback(async () => {
      const { order: replaced } = await api.patch<{ order: Order }>(`/api/v1/orders/${order.id}`, body);
      const kept = replaceEffect(order, body) === 'keeps-priority';
      toast.show(`Order #${order.id} replaced${kept ? '; it kept its place in the queue' : ''}.`, 'success');
      onReplaced(replaced);
      onClose();
    }, [order, body, toast, onReplaced, onClose]),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (result.ok) submit.onSubmit();
  };

  const server = submit.error;
  const serverField = server ? replaceFieldOfCode(server.code) : undefined;
  const errorOf = (field: ReplaceField) => local[field] ?? server?.fieldErrors[field] ?? (serverField === field ? server?.message : undefined);
  const set = (field: ReplaceField) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [field]: event.target.value }));
  const effect = replaceEffect(order, body);
  const tick = instrument.tickSize;
  const lot = instrument.lotSize;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={`Replace order #${order.id}`}>
      <p className="text-sm">
        <span className={order.side === 'buy' ? 'text-up' : 'text-down'}>{order.side === 'buy' ? 'Buy' : 'Sell'}</span> {formatQty(order.qty, lot)} {order.symbol} {orderTypeLabel(order, tick).toLowerCase()}
        {order.price !== null && <> at {formatPrice(order.price, tick)}</>}
        {order.stopPrice !== null && <>, {stopText(order.stopPrice, tick)}</>}
        {signOf(order.filledQty) > 0 && <span className="text-muted"> · {formatQty(order.filledQty, lot)} filled</span>}
      </p>
      <ErrorBanner error={server} />
      {fields.has('price') && <TextField label={`Limit price (${instrument.quote})`} inputMode="decimal" autoComplete="off" value={values.price} onChange={set('price')} error={errorOf('price')} hint={`Tick size ${tick}`} />}
      {fields.has('stopPrice') && <TextField label={`Trigger price (${instrument.quote})`} inputMode="decimal" autoComplete="off" value={values.stopPrice} onChange={set('stopPrice')} error={errorOf('stopPrice')} />}
      {fields.has('qty') ? (
        <TextField label={`Quantity (${instrument.base})`} inputMode="decimal" autoComplete="off" value={values.qty} onChange={set('qty')} error={errorOf('qty')} hint="The new total, filled part included." />
      ) : (
        <p className="text-xs text-muted">The quantity is shared by the orders of its group and cannot change here.</p>
      )}
      <p data-testid="replace-effect" className={effect === 'loses-priority' ? 'text-xs text-warn' : 'text-xs text-muted'}>
        {EFFECT_TEXT[effect]}
      </p>
      {result.ok === false && result.unchanged && tried && <p className="text-xs text-warn">Nothing changed yet.</p>}
      <div className="flex justify-end gap-2 border-t border-line pt-3">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={submit.busy}>
          Replace order
        </Button>
      </div>
    </form>
  );
}
