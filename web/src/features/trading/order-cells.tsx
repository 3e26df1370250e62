// Cells shared by the order and fill tables: status badges, sides, symbols linking to their market, and the order's kind.
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { cx } from '../../components/cx.ts';
import type { Order, OrderStatus, Side } from '../../lib/api.ts';
import { sideClass } from '../../lib/format.ts';
import { orderStatusLabel, orderTypeName, trailText } from '../market/order-text.ts';

const STATUS_TONES: Readonly<Record<OrderStatus, BadgeTone>> = {
  open: 'accent',
  partially_filled: 'warn',
  untriggered: 'neutral',
  pending_parent: 'neutral',
  filled: 'up',
  cancelled: 'neutral',
  expired: 'neutral',
};

/** Kept on one line; `className` may let it wrap where a column is short of room (WAITS FOR ENTRY is the longest). */
export function StatusBadge({ status, className }: { readonly status: OrderStatus; readonly className?: string }) {
  return (
    <Badge tone={STATUS_TONES[status]} className={cx('whitespace-nowrap', className)}>
      {orderStatusLabel(status)}
    </Badge>
  );
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

/** "Limit", "Stop limit", "Trailing stop trail 1.00"... with the trail, post-only and the group marked; wraps between them when its column is narrow. */
export function OrderKind({ order, tickSize }: { readonly order: Order; readonly tickSize: string | undefined }) {
  const trail = order.type === 'trailing_stop' ? trailText(order, tickSize) : undefined;
  return (
    <span>
      <span className="whitespace-nowrap">{orderTypeName(order.type)}</span>
      {/* Spaces, not margins, between the parts: a line may break only at a space. */}
      {trail && <> <span className="text-xs whitespace-nowrap text-muted">{trail}</span></>}
      {order.postOnly && <> <span className="text-xs text-muted">post</span></>}
      {order.groupId !== null && <> <span className="text-xs whitespace-nowrap text-muted">#{order.groupId}</span></>}
    </span>
  );
}
