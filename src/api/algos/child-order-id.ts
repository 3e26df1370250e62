// The client order ids of algo orders' children: named after their algo order, and reserved for them.

/** The client order id prefix of an algo order's children: `algo-17-1`, `algo-17-2`, ... for algo order 17. */
export function childOrderIdPrefix(algoOrderId: number): string {
  return `algo-${algoOrderId}-`;
}

/**
 * The shape of a child's client order id. A restart finds an algo order's children by it, so an
 * order a client names this way could be taken for one: clients may not place orders under it.
 */
export const ALGO_CHILD_ORDER_ID = /^algo-[0-9]+-[0-9]+$/;
