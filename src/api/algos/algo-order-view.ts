// What an API client sees of an algo order, made the same way from a running one's progress and from a stored row.
import type { AlgoOrderRow } from '../../store/index.ts';
import type { Formatter } from '../views.ts';
import type { AlgoSpec } from './algo-spec.ts';

export interface AlgoOrderView {
  readonly id: number;
  readonly type: AlgoSpec['type'];
  readonly spec: AlgoSpec;
  readonly state: AlgoOrderRow['state'];
  /** Decimal strings on the instrument's grid, as every order shows them. */
  readonly filledQty: string;
  readonly remainingQty: string;
  /** Volume-weighted over the fills, with four more places than the tick, as an order's avgFillPrice; null before the first. */
  readonly avgPrice: string | null;
  readonly ordersSent: number;
  readonly openOrders: readonly number[];
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly endedAt: number | null;
}

/** The fields a view is made of: a stored row has them all. */
export type AlgoOrderRecord = Pick<AlgoOrderRow, 'id' | 'symbol' | 'spec' | 'state' | 'totalLots' | 'filledLots' | 'filledNotional' | 'ordersSent' | 'openOrderIds' | 'lastError' | 'createdAt' | 'endedAt'>;

export function algoOrderView(format: Formatter, record: AlgoOrderRecord): AlgoOrderView {
  const spec = record.spec as AlgoSpec;
  const { symbol } = record;
  return {
    id: record.id,
    type: spec.type,
    spec,
    state: record.state,
    filledQty: format.qty(symbol, record.filledLots),
    remainingQty: format.qty(symbol, Math.max(0, record.totalLots - record.filledLots)),
    avgPrice: format.averagePrice(symbol, record.filledNotional, record.filledLots),
    ordersSent: record.ordersSent,
    openOrders: record.openOrderIds,
    lastError: record.lastError,
    createdAt: record.createdAt,
    endedAt: record.endedAt,
  };
}
