// Cells shared by the order and fill tables: status badges, sides, symbols linking to their market, and the order's kind.
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import type { Order, OrderStatus, Side } from '../../lib/api.ts';
import { sideClass } from '../../lib/format.ts';
import { orderTypeLabel } from '../market/order-text.ts';

const STATUS: Readonly<Record<OrderStatus, { readonly label: string; readonly tone: BadgeTone }>> = {
  open: { label: 'open', tone: 'accent' },
  partially_filled: { label: 'partial', tone: 'warn' },
  untriggered: { label: 'waiting', tone: 'neutral' },
  pending_parent: { label: 'waits for entry', tone: 'neutral' },
  filled: { label: 'filled', tone: 'up' },
  cancelled: { label: 'cancelled', tone: 'neutral' },
  expired: { label: 'expired', tone: 'neutral' },
};

export function StatusBadge({ status }: { readonly status: OrderStatus }) {
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

export function SideText({ side }: { readonly side: Side }) {
  return <span className={sideClass(side)}>{side === 'buy' ? 'Buy' : 'Sell'}</span>;
}

export function SymbolLink({ symbol }: { readonly symbol: string }) {
  return (
    <Link to={`/markets/${encodeURIComponent(symbol)}`} className="font-semibold hover:underline focus-visible:underline">
      {symbol}
    </Link>
  );
}

/** "Limit", "Stop limit"... with post-only and the group marked. */
export function OrderKind({ order }: { readonly order: Order }) {
  return (
    <span className="whitespace-nowrap">
      {orderTypeLabel(order)}
      {order.postOnly && <span className="ml-1 text-xs text-muted">post</span>}
      {order.groupId !== null && <span className="ml-1 text-xs text-muted">#{order.groupId}</span>}
    </span>
  );
}
