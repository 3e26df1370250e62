// The JSON shapes the API answers with, as the tests read them (decimal strings for money, prices and quantities).

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export interface UserView {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: 'admin' | 'trader';
  readonly accountId: number;
  readonly createdAt: number;
}

export interface SessionView {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: number;
  readonly user: UserView;
}

export interface KeyView {
  readonly id: string;
  readonly userId: number;
  readonly label: string;
  readonly scopes: readonly string[];
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly lastUsedAt: number | null;
}

export interface BalanceView {
  readonly asset: string;
  readonly available: string;
  readonly held: string;
  readonly total: string;
}

export interface HoldingView {
  readonly symbol: string;
  readonly asset: string;
  readonly qty: string;
  readonly available: string;
  readonly held: string;
  readonly lastPrice: string;
  readonly marketValue: string;
  readonly quote: string;
}

/** One row of GET /api/v1/account/positions: the units held, and the cost and P&L of those bought through fills. */
export interface PositionView {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly qty: string;
  readonly costedQty: string;
  readonly costBasis: string;
  readonly avgCost: string | null;
  readonly lastPrice: string;
  readonly marketValue: string;
  readonly unrealized: string;
  readonly realized: string;
  readonly fees: string;
  readonly total: string;
}

export interface OrderView {
  readonly id: number;
  readonly clientOrderId: string | null;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: string;
  readonly tif: string;
  readonly status: string;
  readonly qty: string;
  readonly filledQty: string;
  readonly leavesQty: string;
  readonly price: string | null;
  readonly stopPrice: string | null;
  readonly trailAmount: string | null;
  readonly trailPercent: string | null;
  readonly waterMark: string | null;
  readonly avgFillPrice: string | null;
  readonly expireAt: number | null;
  readonly postOnly: boolean;
  readonly stp: string;
  readonly groupId: number | null;
  readonly parentId: number | null;
  readonly reason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface FillView {
  readonly id: number;
  readonly tradeId: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly liquidity: 'maker' | 'taker';
  readonly price: string;
  readonly qty: string;
  readonly fee: string;
  readonly feeAsset: string;
  readonly ts: number;
}

export interface LedgerView {
  readonly seq: number;
  readonly asset: string;
  readonly reason: string;
  readonly refId: number;
  readonly deltaAvailable: string;
  readonly deltaHeld: string;
  readonly available: string;
  readonly held: string;
  readonly memo: string | null;
  readonly ts: number;
}

export interface PageOf<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export type LevelView = [price: string, qty: string];

export interface BookView {
  readonly symbol: string;
  readonly seq: number;
  readonly bids: LevelView[];
  readonly asks: LevelView[];
}

export interface TradeView {
  readonly tradeId: number;
  readonly symbol: string;
  readonly price: string;
  readonly qty: string;
  readonly takerSide: 'buy' | 'sell';
  readonly ts: number;
}

export interface TickerView {
  readonly symbol: string;
  readonly lastPrice: string | null;
  readonly lastQty: string;
  readonly open: string | null;
  readonly high: string | null;
  readonly low: string | null;
  readonly volume: string;
  readonly quoteVolume: string;
  readonly trades: number;
  readonly bidPrice: string | null;
  readonly askPrice: string | null;
  readonly time: number;
}

export interface CandleView {
  readonly symbol: string;
  readonly interval: string;
  readonly openTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly quoteVolume: string;
  readonly trades: number;
}
