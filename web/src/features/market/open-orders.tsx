// The viewer's open orders in this market, kept live by the page; each can be cancelled, or all at once after a confirmation.
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Modal } from '../../components/modal.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useRowAction } from '../../hooks/use-row-action.ts';
import { api, type Instrument, type Order } from '../../lib/api.ts';
import { signOf } from '../../lib/decimal.ts';
import { formatPrice, formatQty, formatTime } from '../../lib/format.ts';
import { OrderKind, SideText, StatusBadge, TifText } from '../trading/order-cells.tsx';
import { stopText } from './order-text.ts';

export interface OpenOrdersProps {
  readonly instrument: Instrument;
  readonly orders: readonly Order[] | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  /** Reloads the list (a cancel's answer arrives before its `orders` event). */
  readonly onChanged: () => void;
  readonly className?: string;
}

export function OpenOrders({ instrument, orders, loading, error, onChanged, className }: OpenOrdersProps) {
  const toast = useToast();
  const [confirmAll, setConfirmAll] = useState(false);
  const [cancellingAll, setCancellingAll] = useState(false);

  const cancel = useRowAction(
    (order: Order) => order.id,
    async (order) => {
      await api.delete(`/api/v1/orders/${order.id}`);
      toast.show(`Order #${order.id} cancelled.`, 'success');
      onChanged();
    },
  );

  const cancelAll = async () => {
    setCancellingAll(true);
    try {
      const { cancelled } = await api.delete<{ cancelled: number[] }>('/api/v1/orders', { symbol: instrument.symbol });
      toast.show(`${cancelled.length} ${cancelled.length === 1 ? 'order' : 'orders'} cancelled.`, 'success');
      onChanged();
    } catch (caught) {
      toast.error(caught);
    } finally {
      setCancellingAll(false);
      setConfirmAll(false);
    }
  };

  const tick = instrument.tickSize;
  const lot = instrument.lotSize;
  // Narrow enough for the panel beside the book (about 730 px at 1400 wide, 486 px at 1100): the trigger
  // sits under the price, the filled part under the quantity and the time in force under the status, the
  // type may wrap, and Cancel stays pinned right. Where the panel is narrower than 36rem (a container
  // query), the placing time is left out (/trading shows it) and WAITS FOR ENTRY may break in two.
  const columns: readonly Column<Order>[] = [
    { key: 'time', header: 'Placed', className: 'hidden @xl:table-cell', cell: (o) => <span className="num text-muted">{formatTime(o.createdAt)}</span> },
    { key: 'side', header: 'Side', cell: (o) => <SideText side={o.side} /> },
    { key: 'type', header: 'Type', cell: (o) => <OrderKind order={o} tickSize={tick} /> },
    {
      key: 'price',
      header: 'Price',
      numeric: true,
      cell: (o) => (
        <>
          {formatPrice(o.price, tick)}
          {o.stopPrice !== null && <span className="block text-xs whitespace-nowrap text-muted">{stopText(o.stopPrice, tick)}</span>}
        </>
      ),
    },
    {
      key: 'qty',
      header: 'Qty',
      numeric: true,
      cell: (o) => (
        <>
          {formatQty(o.qty, lot)}
          {signOf(o.filledQty) > 0 && <span className="block text-xs whitespace-nowrap text-muted">{formatQty(o.filledQty, lot)} filled</span>}
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status · TIF',
      hideOnMobile: true,
      cell: (o) => (
        <>
          <StatusBadge status={o.status} className="@max-xl:whitespace-normal" />
          <TifText order={o} className="block text-xs text-muted" />
        </>
      ),
    },
    {
      key: 'cancel',
      header: <span className="sr-only">Cancel</span>,
      className: 'sticky right-0 bg-surface text-right',
      cell: (o) => (
        <Button size="sm" variant="danger" busy={cancel.busy(o)} onClick={() => void cancel.run(o)} aria-label={`Cancel order #${o.id}`}>
          Cancel
        </Button>
      ),
    },
  ];

  const count = orders?.length ?? 0;
  return (
    <Panel
      title={`Open orders${count > 0 ? ` (${count})` : ''}`}
      flush
      className={className}
      actions={
        count > 1 && (
          <Button size="sm" variant="ghost" onClick={() => setConfirmAll(true)}>
            Cancel all
          </Button>
        )
      }
    >
      <ErrorBanner error={error} className="m-2" />
      <div className="@container">
        <DataTable label={`Your open orders in ${instrument.symbol}`} columns={columns} rows={orders} rowKey={(o) => o.id} loading={loading} empty={`No open orders in ${instrument.symbol}.`} dense />
      </div>
      <Modal
        open={confirmAll}
        onClose={() => setConfirmAll(false)}
        title={`Cancel all ${instrument.symbol} orders?`}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirmAll(false)}>
              Keep them
            </Button>
            <Button variant="danger" busy={cancellingAll} onClick={() => void cancelAll()}>
              Cancel {count} orders
            </Button>
          </>
        }
      >
        <p className="text-sm">Every open order of yours in {instrument.symbol} is cancelled, including untriggered stops and bracket legs.</p>
      </Modal>
    </Panel>
  );
}
