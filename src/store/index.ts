// The read-model store's public surface: opening a store, its repositories, the projector and row types.
export { openStore, type Store, type StoreOptions } from './database.ts';
export { dialectFor, type StoreDialect } from './dialect.ts';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, encodeCursor, pageLimit, parseCursor, scopePage, toPage, type Cursor, type Page } from './cursor.ts';
export { UsersRepo, normalizeUsername, type CreateUserResult, type NewUser, type SetRoleResult, type SetStatusResult, type UserSummary } from './users.ts';
export { RefreshTokensRepo, type NewRefreshToken, type NextRefreshToken, type RotateResult } from './refresh-tokens.ts';
export { ApiKeysRepo, type ApiKeySummary, type NewApiKey } from './api-keys.ts';
export { OrdersRepo, type OrderQuery, type StatusGroup } from './orders.ts';
export { FillsRepo, type FillQuery } from './fills.ts';
export { LedgerRepo, type CapitalMove, type LedgerQuery } from './ledger.ts';
export { CapitalValuesRepo, type CapitalValue } from './capital-values.ts';
export { TradesRepo, type TradeRangeQuery } from './trades.ts';
export { CandlesRepo, type CandleQuery } from './candles.ts';
export { MetaRepo, systemUserKey } from './meta.ts';
export { JournalBindingRepo } from './journal-binding.ts';
export { DEFAULT_HISTORY_PAGE, MarketHistoryRepo, type HistoryExtent, type HistoryRange, type HistorySeries } from './market-history.ts';
export { EventProjector, PROJECTED_SEQ_KEY, type ProjectionResult, type ProjectorOptions } from './projector.ts';
export { acceptedOrders } from './projection-batch.ts';
export { riskStore, type RiskStore } from './risk-store.ts';
export { ALGO_ORDER_STATES, AlgoOrdersRepo, type AlgoOrderProgress, type AlgoOrderQuery, type AlgoOrderRow, type AlgoOrderState, type NewAlgoOrderRow } from './algo-orders.ts';
export { BotsRepo, type BotDesiredState, type BotRow, type BotRowChanges, type NewBotRow } from './bots.ts';
export { RiskAccountsRepo, RiskLimitsRepo, type RiskLimitValues, type StoredKill } from './risk-limits.ts';
export { RiskEventsRepo, type NewRiskEvent, type RiskEventQuery } from './risk-events.ts';
export { MAX_HISTORY_DAYS, RiskHistoryRepo, type RiskRangeQuery, type RiskSampleQuery } from './risk-history.ts';
export { RISK_LIMIT_SCOPES, type RiskAccountRow, type RiskDailyRow, type RiskEventKind, type RiskEventRow, type RiskLimitScope, type RiskLimitsRow, type RiskSampleRow } from './risk-schema.ts';
export {
  CANDLE_INTERVALS,
  CLOSED_STATUSES,
  OPEN_STATUSES,
  USER_STATUSES,
  type ApiKeyRow,
  type CandleInterval,
  type CandleRow,
  type Database,
  type FillRow,
  type LedgerRow,
  type OrderRow,
  type OrderStatus,
  type RefreshTokenRow,
  type TradeRow,
  type UserRole,
  type UserRow,
  type UserStatus,
} from './schema.ts';
