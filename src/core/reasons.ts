// The closed set of reason codes for rejections and cancellations, each with a human message.

export const REASONS = {
  UNKNOWN_ACCOUNT: 'The account does not exist.',
  UNKNOWN_SYMBOL: 'The symbol is not listed.',
  UNKNOWN_ASSET: 'The asset is not known.',
  UNKNOWN_ORDER: 'No live order with that id belongs to the account.',
  ALREADY_EXISTS: 'That id is already in use.',
  INVALID_REQUEST: 'The request is malformed.',
  INVALID_INSTRUMENT: 'The instrument definition is inconsistent.',
  INVALID_AMOUNT: 'The amount must be a positive whole number of minor units within bounds.',
  INVALID_QUANTITY: 'The quantity must be a positive whole number of lots within bounds.',
  INVALID_PRICE: 'The price must be a positive whole number of ticks within bounds.',
  INVALID_STOP_PRICE: 'The stop price must be a positive whole number of ticks within bounds.',
  INVALID_TRAIL: 'A trailing stop needs exactly one of a trail amount or a trail percentage.',
  INVALID_CLIENT_ORDER_ID: 'A client order id is 1 to 64 printable ASCII characters.',
  INVALID_TIME_IN_FORCE: 'The time in force is not one of gtc, day, gtd, ioc, fok, or does not apply to this order type.',
  INVALID_EXPIRY: 'A GTD order needs an expiry time in the future.',
  INVALID_GROUP: 'The legs of an OCO or bracket order do not fit together.',
  QUANTITY_BELOW_MIN: 'The quantity is below the instrument minimum.',
  QUANTITY_ABOVE_MAX: 'The quantity is above the instrument or account maximum.',
  NOTIONAL_ABOVE_MAX: 'The order value is above the instrument or account maximum.',
  POSITION_LIMIT: 'The order would take the position above its limit.',
  PRICE_OUT_OF_BAND: 'The price is outside the allowed band around the reference price.',
  INSUFFICIENT_FUNDS: 'Not enough available cash to reserve for this order.',
  INSUFFICIENT_SHARES: 'Not enough available holdings to sell; short selling is not enabled.',
  AMOUNT_TOO_LARGE: 'The amount would exceed the largest balance the engine can hold exactly.',
  DUPLICATE_CLIENT_ORDER_ID: 'The client order id was already used by this account.',
  POST_ONLY_WOULD_TAKE: 'A post-only order would have traded on arrival.',
  NOT_REPLACEABLE: 'This order cannot be changed that way.',
  INSTRUMENT_HALTED: 'Trading in the symbol is halted: no new orders or replaces until it resumes; cancels go through.',
  // Reasons an accepted order ends without filling completely.
  USER_CANCELLED: 'Cancelled on request.',
  RISK_KILL_SWITCH: 'Cancelled by the kill switch of the account.',
  ACCOUNT_DISABLED: 'Cancelled because an admin disabled the user of the account.',
  IOC_UNFILLED: 'The unfilled rest of an immediate-or-cancel order.',
  FOK_UNFILLABLE: 'A fill-or-kill order could not fill completely on arrival.',
  NO_LIQUIDITY: 'The market order found no more liquidity inside the price band.',
  SELF_TRADE_PREVENTED: 'The order would have traded with another order of the same account.',
  OCO_SIBLING_DONE: 'The other order of the group was filled or cancelled.',
  PARENT_ENDED: 'The bracket entry ended without a fill.',
  EXPIRED_DAY: 'A DAY order expired at the end of the session.',
  EXPIRED_GTD: 'A GTD order reached its expiry time.',
} as const;

export type ReasonCode = keyof typeof REASONS;

export function reasonMessage(code: ReasonCode): string {
  return REASONS[code];
}
