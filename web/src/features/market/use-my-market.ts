// The logged-in trader's side of one market: balances (live from `balances`) and open orders of the symbol (reloaded on `orders` and `fills` events), plus a callback for each own fill.
import { useCallback, useEffect, useRef } from 'react';
import { useApi } from '../../hooks/use-api.ts';
import { useChannel } from '../../hooks/use-channel.ts';
import { api, type Balance, type BalanceEvent, type FillEvent, type Order, type OrderEvent, type Page } from '../../lib/api.ts';
import { addDecimal } from '../../lib/decimal-math.ts';

/** Events of a burst (a fill, its order update, its balance changes) cause one reload. */
const RELOAD_DELAY_MS = 60;

export interface MyMarket {
  readonly balances: ReadonlyMap<string, Balance> | undefined;
  /** Open orders of the symbol (open, untriggered, partially filled, waiting for a bracket entry), newest first. */
  readonly orders: readonly Order[] | undefined;
  readonly ordersLoading: boolean;
  readonly ordersError: unknown;
  readonly reloadOrders: () => void;
}

export function useMyMarket(symbol: string | null, loggedIn: boolean, onFill?: (fill: FillEvent) => void): MyMarket {
  const balances = useApi(
    loggedIn ? async (signal) => new Map((await api.get<{ balances: Balance[] }>('/api/v1/account/balances', undefined, signal)).balances.map((b) => [b.asset, b])) : null,
    [loggedIn],
  );
  const orders = useApi(
    loggedIn && symbol ? async (signal) => (await api.get<Page<Order>>('/api/v1/orders', { symbol, status: 'open', limit: 200 }, signal)).items : null,
    [symbol, loggedIn],
  );
  const { refetch: refetchOrders } = orders;
  const { refetch: refetchBalances, setData: setBalances } = balances;

  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const reloadOrders = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void refetchOrders(), RELOAD_DELAY_MS);
  }, [refetchOrders]);

  useChannel<OrderEvent>(loggedIn ? 'orders' : null, {
    onMessage: (message) => {
      if (!('symbol' in message.data) || message.data.symbol === symbol) reloadOrders();
    },
    onResync: reloadOrders,
  });
  useChannel<FillEvent>(loggedIn ? 'fills' : null, {
    onMessage: (message) => {
      if (message.data.symbol !== symbol) return;
      reloadOrders();
      onFill?.(message.data);
    },
  });
  useChannel<BalanceEvent>(loggedIn ? 'balances' : null, {
    onMessage: ({ data }) => {
      if (data.type !== 'balance') return;
      setBalances((current) => new Map(current).set(data.asset, { asset: data.asset, available: data.available, held: data.held, total: addDecimal(data.available, data.held) }));
    },
    onResync: () => void refetchBalances(),
  });

  return { balances: balances.data, orders: orders.data, ordersLoading: orders.loading, ordersError: orders.error, reloadOrders };
}
