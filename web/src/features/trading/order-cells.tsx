// Cells shared by the order and fill tables: status badges, sides, symbols linking to their market, and the order's kind.
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { cx } from '../../components/cx.ts';
import type { Order, OrderStatus, Side } from '../../lib/api.ts';
import { formatDateTime, formatDayTime, sideClass } from '../../lib/format.ts';
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

/** "Limit", "Stop limit", "Trailing stop trail 1.00"... with the trail, post-only and the group ("group #12") marked; wraps between them when its column is narrow. */
export function OrderKind({ order, tickSize }: { readonly order: Order; readonly tickSize: string | undefined }) {
  const trail = order.type === 'trailing_stop' ? trailText(order, tickSize) : undefined;
  return (
    <span>
      <span className="whitespace-nowrap">{orderTypeName(order.type)}</span>
      {/* Spaces, not margins, between the parts: a line may break only at a space. */}
      {trail && <> <span className="text-xs whitespace-nowrap text-muted">{trail}</span></>}
      {order.postOnly && <> <span className="text-xs text-muted">post</span></>}
      {/* Labelled: a bare "#6297" beside a leg reads as that leg's own order number. */}
      {order.groupId !== null && (
        <>
          {' '}
          <span className="text-xs whitespace-nowrap text-muted" title="The OCO or bracket group this order belongs to: its orders share this number">
            group #{order.groupId}
          </span>
        </>
      )}
    </span>
  );
}

/** "GTD" and, for an order with an expiry (GTD, or DAY at its session's close), when it expires: "until 12/08, 16:00" (the year and seconds in its tooltip). */
export function TifText({ order, className }: { readonly order: Pick<Order, 'tif' | 'expireAt'>; readonly className?: string }) {
  return (
    <span className={className}>
      <span className="uppercase">{order.tif}</span>
      {order.expireAt !== null && (
        <span className="block text-xs text-muted" title={`Expires ${formatDateTime(order.expireAt)}`}>
          until {formatDayTime(order.expireAt)}
        </span>
      )}
    </span>
  );
}
