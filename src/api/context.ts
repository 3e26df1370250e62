// Everything a route or socket handler needs, built once at start-up and passed down.
import type { BotManager } from '../bots/index.ts';
import type { Exchange } from '../platform/exchange.ts';
import type { Leaderboard } from '../platform/portfolio/leaderboard.ts';
import type { Positions } from '../platform/portfolio/positions.ts';
import type { RiskService } from '../platform/risk/index.ts';
import type { Store } from '../store/index.ts';
import type { ApiKeyService } from './auth/api-key-service.ts';
import type { AlgoOrderService } from './algos/algo-orders.ts';
import type { BacktestService } from './backtests/backtest-service.ts';
import type { AuthService } from './auth/auth-service.ts';
import type { ApiMetrics } from './metrics.ts';
import type { RequestLimit } from './request-limit.ts';
import type { TradingService } from './trading-service.ts';
import type { Formatter } from './views.ts';

export interface ApiContext {
  readonly exchange: Exchange;
  readonly store: Store;
  readonly auth: AuthService;
  readonly keys: ApiKeyService;
  readonly trading: TradingService;
  readonly format: Formatter;
  readonly metrics: ApiMetrics;
  /** Requests per minute per user, per API key, or per address: REST requests and WebSocket order entry spend one budget. */
  readonly requests: RequestLimit;
  /** Central risk: limits, the kill switch, risk status and history. */
  readonly risk: RiskService;
  /** Each account's positions at average cost, realized P&L and fees. */
  readonly positions: Positions;
  /** Every participant ranked by mark-to-market equity. */
  readonly leaderboard: Leaderboard;
  /** Users' bots: each a user of its own, trading through the in-process client. */
  readonly bots: BotManager;
  /** Execution algorithms API clients run on their own accounts. */
  readonly algos: AlgoOrderService;
  /** Backtests and optimizations users run on worker threads, kept in memory. */
  readonly backtests: BacktestService;
}
