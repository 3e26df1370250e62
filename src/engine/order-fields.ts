// An order request read once into one fixed shape, with the account and market it names.
import type { OrderRequest } from '../core/orders.ts';
import type { Account, Market } from './state.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Requests arrive in many object shapes (literals from code, parsed JSON, decoded journal
 * records), and a property read that has seen many shapes is slow. Placement therefore reads each
 * field of a request exactly once, into this one reused object, and every check and the order
 * built from it read the copy. An absent field and an undefined one mean the same to the engine.
 * Values are copied as they are, unvalidated: the checks decide what is acceptable.
 */
export class OrderFields implements Mutable<OrderRequest> {
  accountId = 0;
  symbol = '';
  clientOrderId: string | undefined = undefined;
  side: OrderRequest['side'] = 'buy';
  type: OrderRequest['type'] = 'limit';
  qty = 0;
  price: number | undefined = undefined;
  stopPrice: number | undefined = undefined;
  trailAmount: number | undefined = undefined;
  trailBps: number | undefined = undefined;
  tif: OrderRequest['tif'] = undefined;
  expireAt: number | undefined = undefined;
  postOnly: boolean | undefined = undefined;
  stp: OrderRequest['stp'] = undefined;
  /** Set by the checks (or by the caller for internal legs) before an order is built from these fields. */
  account: Account | undefined = undefined;
  market: Market | undefined = undefined;

  /** Copies a request; false when it is not an object at all. */
  read(request: OrderRequest): boolean {
    if (request === null || typeof request !== 'object') return false;
    this.accountId = request.accountId;
    this.symbol = request.symbol;
    this.clientOrderId = request.clientOrderId;
    this.side = request.side;
    this.type = request.type;
    this.qty = request.qty;
    this.price = request.price;
    this.stopPrice = request.stopPrice;
    this.trailAmount = request.trailAmount;
    this.trailBps = request.trailBps;
    this.tif = request.tif;
    this.expireAt = request.expireAt;
    this.postOnly = request.postOnly;
    this.stp = request.stp;
    this.account = undefined;
    this.market = undefined;
    return true;
  }
}
