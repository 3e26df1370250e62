// What the REST routes answer, as zod schemas for the OpenAPI document: each shape the views (views.ts, order-json.ts, the route files) build, written once.
// Documentation only: Fastify never validates or serializes an answer with them. A test calls every route and checks each answer against /docs/json.
import { z } from 'zod';
import { algoSpecSchema, type AlgoSpec } from './algos/algo-spec.ts';
import type { OrderType, StpMode, TimeInForce } from '../core/orders.ts';
import type { LedgerReason } from '../core/events.ts';
import type { OrderStatus } from '../store/schema.ts';
import type { RiskEventKind, RiskLimitScope } from '../store/risk-schema.ts';
import { ALGO_ORDER_STATES } from '../store/algo-orders.ts';
import { WEEKDAYS } from '../core/session-close.ts';

/**
 * The ids of the shared shapes. Each is a component of the OpenAPI document
 * (`#/components/schemas/<id>`), so a generated client has one type per shape; the id lives in zod's
 * global registry, with the descriptions every schema carries.
 */
export const RESPONSE_SHAPES = new Set<string>();

function shape<T extends z.ZodType>(id: string, description: string, schema: T): T {
  RESPONSE_SHAPES.add(id);
  return schema.meta({ id, description });
}

/** The values of a union type as an enum: the compiler refuses a record that misses one or adds another. */
const oneOf = <T extends string>(values: Record<T, true>) => z.enum(Object.keys(values) as [T, ...T[]]);

const orderType = oneOf<OrderType>({ limit: true, market: true, stop: true, stop_limit: true, trailing_stop: true });
const tif = oneOf<TimeInForce>({ gtc: true, day: true, gtd: true, ioc: true, fok: true });
const stp = oneOf<StpMode>({ cancel_newest: true, cancel_oldest: true, cancel_both: true });
const orderStatus = oneOf<OrderStatus>({ open: true, untriggered: true, pending_parent: true, partially_filled: true, filled: true, cancelled: true, expired: true });
const ledgerReason = oneOf<LedgerReason>({ deposit: true, withdrawal: true, hold: true, release: true, trade: true, fee: true });
const limitSource = oneOf<RiskLimitScope>({ self: true, account: true, strategy: true });

const decimal = z.string().describe('A decimal string');
const maybeDecimal = decimal.nullable();
const epochMs = z.number().int().describe('Epoch ms');
const side = z.enum(['buy', 'sell']);
const ids = z.array(z.number().int());

export const userSchema = shape(
  'User',
  'A user, never with the password',
  z.object({
    id: z.number().int(),
    username: z.string().describe('Lower-cased'),
    displayName: z.string().describe('As typed at registration'),
    role: z.enum(['trader', 'admin']),
    status: z.enum(['active', 'disabled']),
    accountId: z.number().int(),
    createdAt: epochMs,
    passwordChangedAt: epochMs,
  }),
);

export const sessionSchema = shape(
  'Session',
  'A login: a short-lived access token and a rotating refresh token',
  z.object({ accessToken: z.string(), accessTokenExpiresAt: epochMs, refreshToken: z.string(), refreshTokenExpiresAt: epochMs, user: userSchema }),
);

const keyFields = {
  id: z.string(),
  userId: z.number().int(),
  label: z.string(),
  scopes: z.array(z.enum(['read', 'trade', 'withdraw'])),
  createdAt: epochMs,
  revokedAt: epochMs.nullable(),
  lastUsedAt: epochMs.nullable(),
};
export const apiKeySchema = shape('ApiKey', 'An API key, never its secret', z.object(keyFields));
export const newApiKeySchema = shape('NewApiKey', 'A new API key with its secret, shown only in this answer', z.object({ ...keyFields, secret: z.string() }));

export const balanceSchema = shape('Balance', 'An amount of one asset: available, held by open orders, and both', z.object({ asset: z.string(), available: decimal, held: decimal, total: decimal }));
export const balancesSchema = z.object({ balances: z.array(balanceSchema) });

export const holdingSchema = shape(
  'Holding',
  'One base asset held, valued at the last price of the first symbol listed on it',
  z.object({ symbol: z.string(), asset: z.string(), qty: decimal, available: decimal, held: decimal, lastPrice: decimal, marketValue: decimal, quote: z.string() }),
);

export const positionSchema = shape(
  'Position',
  'A symbol’s share of its base asset at average cost, with P&L in the quote currency',
  z.object({
    symbol: z.string(),
    base: z.string(),
    quote: z.string(),
    qty: decimal,
    costedQty: decimal,
    costBasis: decimal,
    avgCost: maybeDecimal,
    lastPrice: decimal,
    marketValue: decimal,
    unrealized: decimal,
    realized: decimal,
    fees: decimal,
    total: decimal,
  }),
);

export const orderSchema = shape(
  'Order',
  'An order with its fills so far (orderView; written field by field in order-json.ts)',
  z.object({
    id: z.number().int(),
    clientOrderId: z.string().nullable(),
    symbol: z.string(),
    side,
    type: orderType,
    tif,
    status: orderStatus,
    qty: decimal,
    filledQty: decimal,
    leavesQty: decimal,
    price: maybeDecimal,
    stopPrice: maybeDecimal,
    trailAmount: maybeDecimal,
    trailPercent: maybeDecimal,
    waterMark: maybeDecimal.describe('The high (sell) or low (buy) a trailing stop trails'),
    avgFillPrice: maybeDecimal,
    expireAt: epochMs.nullable().describe('When the order expires: a GTD order\'s expireAt, a DAY order\'s session close (the first after it was placed); null for the others'),
    postOnly: z.boolean(),
    stp,
    groupId: z.number().int().nullable(),
    parentId: z.number().int().nullable(),
    reason: z.string().nullable(),
    createdAt: epochMs,
    updatedAt: epochMs,
  }),
);
export const orderAnswerSchema = z.object({ order: orderSchema });
export const placedOrderSchema = z.object({ order: orderSchema, replayed: z.boolean().describe('True when this same order was sent before with its client order id: this is the original order, as it stands now') });
export const placedOrdersSchema = z.object({ orders: z.array(orderSchema), replayed: z.boolean().describe('True when this same request was sent before with its client order id: these are the original orders, as they stand now') });

export const fillSchema = shape(
  'Fill',
  'One fill of one of your orders',
  z.object({ id: z.number().int(), tradeId: z.number().int(), orderId: z.number().int(), symbol: z.string(), side, liquidity: z.enum(['maker', 'taker']), price: decimal, qty: decimal, fee: decimal, feeAsset: z.string(), ts: epochMs }),
);

export const ledgerEntrySchema = shape(
  'LedgerEntry',
  'One balance change',
  z.object({ seq: z.number().int(), asset: z.string(), reason: ledgerReason, refId: z.number().int(), deltaAvailable: decimal, deltaHeld: decimal, available: decimal, held: decimal, memo: z.string().nullable(), ts: epochMs }),
);

/** A page of a list, newest or oldest first as the route says; `nextCursor` reads the next page, null on the last. */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Send as cursor for the next page; null on the last') });

export const sessionScheduleSchema = shape(
  'SessionSchedule',
  'When a symbol’s trading session closes: its DAY orders expire at each close',
  z.object({
    close: z.string().describe('Local time of day, "HH:MM" on a 24-hour clock'),
    timeZone: z.string().describe('The IANA time zone the close is local to'),
    days: z.array(z.enum(WEEKDAYS)).describe('The local weekdays a session closes on'),
    nextClose: epochMs.describe('The next close, epoch ms'),
  }),
);

export const instrumentSchema = shape(
  'Instrument',
  'A listed instrument: its terms, last price, trading status and session close',
  z.object({
    symbol: z.string(),
    base: z.string(),
    quote: z.string(),
    tickSize: decimal,
    lotSize: decimal,
    minQty: decimal,
    maxQty: decimal,
    makerFeeBps: z.number(),
    takerFeeBps: z.number(),
    referencePrice: decimal,
    bandBps: z.number(),
    lastPrice: decimal,
    status: z.enum(['trading', 'halted']).describe('halted: new orders and replaces are refused (INSTRUMENT_HALTED); cancels go through'),
    statusReason: z.string().nullable(),
    session: sessionScheduleSchema,
  }),
);

export const assetSchema = shape('Asset', 'An asset and its decimal places', z.object({ code: z.string(), scale: z.number().int() }));

const level = z.tuple([decimal, decimal]).describe('[price, qty]');
export const depthSchema = shape('Depth', 'An L2 depth snapshot, best levels first', z.object({ symbol: z.string(), seq: z.number().int(), bids: z.array(level), asks: z.array(level) }));

export const tradeSchema = shape('Trade', 'A public trade', z.object({ tradeId: z.number().int(), symbol: z.string(), price: decimal, qty: decimal, takerSide: side, ts: epochMs }));

export const tickerSchema = shape(
  'Ticker',
  'A symbol’s last 24 hours',
  z.object({
    symbol: z.string(),
    lastPrice: maybeDecimal,
    lastQty: decimal,
    open: maybeDecimal,
    high: maybeDecimal,
    low: maybeDecimal,
    volume: decimal,
    quoteVolume: decimal,
    trades: z.number().int(),
    change: decimal,
    changePercent: decimal,
    bidPrice: maybeDecimal,
    bidQty: decimal,
    askPrice: maybeDecimal,
    askQty: decimal,
    time: epochMs,
  }),
);

export const candleSchema = shape(
  'Candle',
  'An OHLCV candle',
  z.object({ symbol: z.string(), interval: z.string(), openTime: epochMs, open: decimal, high: decimal, low: decimal, close: decimal, volume: decimal, quoteVolume: decimal, trades: z.number().int() }),
);

export const tradingStatusSchema = shape(
  'TradingStatus',
  'A symbol’s trading status as just set',
  z.object({ symbol: z.string(), status: z.enum(['trading', 'halted']), reason: z.string().nullable(), ts: epochMs }),
);

export const sessionEndSchema = shape(
  'SessionEnd',
  'What ending a symbol’s session by hand did',
  z.object({ symbol: z.string(), expiredOrders: ids.describe('Ids of the DAY orders that expired'), ts: epochMs }),
);

export const userStatusChangeSchema = shape(
  'UserStatusChange',
  'What a disable or enable did',
  z.object({
    id: z.number().int(),
    status: z.enum(['active', 'disabled']),
    changed: z.boolean().describe('False when the user already had the status'),
    cancelledOrders: ids.describe('Ids of the orders the disable cancelled'),
    stoppedBots: ids.describe('Ids of the bots the disable stopped'),
    cancelledAlgoOrders: ids.describe('Ids of the algo orders the disable cancelled'),
  }),
);

const limitNames = ['maxGrossExposure', 'maxNetExposure', 'maxDailyLoss', 'maxDrawdownPct', 'maxOrdersPerSecond'] as const;
export const limitSetSchema = shape('RiskLimitSet', 'One layer of limits; a limit it does not set is absent', z.object(Object.fromEntries(limitNames.map((name) => [name, decimal.optional()])) as Record<(typeof limitNames)[number], z.ZodOptional<typeof decimal>>));
const effectiveLimits = z.object(Object.fromEntries(limitNames.map((name) => [name, z.object({ value: decimal, source: limitSource }).optional()])) as Record<(typeof limitNames)[number], z.ZodOptional<z.ZodObject<{ value: typeof decimal; source: typeof limitSource }>>>);

export const riskLimitsSchema = shape(
  'RiskLimits',
  'Every limit layer of an account and the binding value of each limit',
  z.object({ accountId: z.number().int(), currency: z.string(), self: limitSetSchema, account: limitSetSchema, strategy: z.object({ name: z.string(), limits: limitSetSchema }).nullable(), effective: effectiveLimits }),
);

export const strategyLimitsSchema = shape('StrategyLimits', 'The limits of a strategy', z.object({ name: z.string(), currency: z.string(), limits: limitSetSchema }));

const killSwitch = z.union([
  z.object({ active: z.literal(false) }),
  z.object({ active: z.literal(true), since: epochMs, limit: z.enum([...limitNames, 'manual']), value: maybeDecimal, threshold: maybeDecimal, source: limitSource.describe('Whose limit, or who turned it on by hand (self or account: an admin)'), message: z.string() }),
]);

export const riskStatusSchema = shape(
  'RiskStatus',
  'Equity, exposure, daily P&L, drawdown and the kill switch, valued now',
  z.object({
    accountId: z.number().int(),
    currency: z.string(),
    equity: decimal,
    grossExposure: decimal,
    netExposure: decimal,
    dayStart: epochMs,
    dayStartEquity: decimal,
    dayNetFlows: decimal,
    dailyPnl: decimal,
    highWaterMark: decimal,
    drawdownPct: decimal,
    maxDrawdownPctToday: decimal,
    killSwitch,
    limits: effectiveLimits,
  }),
);

export const riskEventSchema = shape(
  'RiskEvent',
  'A kill switch trip or reset, or a limit change',
  z.object({ id: z.number().int(), ts: epochMs, kind: oneOf<RiskEventKind>({ tripped: true, reset: true, limits: true }), limit: z.enum([...limitNames, 'manual']).nullable(), value: maybeDecimal, threshold: maybeDecimal, source: limitSource.nullable(), actorUserId: z.number().int().nullable(), message: z.string() }),
);

export const riskDaySchema = shape(
  'RiskDay',
  'One UTC day of an account’s risk history',
  z.object({
    day: epochMs,
    date: z.string().describe('YYYY-MM-DD'),
    startEquity: decimal,
    endEquity: decimal,
    minEquity: decimal,
    maxEquity: decimal,
    netFlows: decimal,
    pnl: decimal,
    maxGrossExposure: decimal,
    maxNetExposure: decimal,
    maxDrawdownPct: decimal,
    highWaterMark: decimal,
  }),
);

export const riskSampleSchema = shape('RiskSample', 'A point of the equity and drawdown curve', z.object({ ts: epochMs, equity: decimal, drawdownPct: decimal }));

export const algoOrderSchema = shape(
  'AlgoOrder',
  'An algo order with its progress, running or ended; kept across restarts, which a running one resumes from',
  z.object({
    id: z.number().int().describe('Never handed out again, across restarts too'),
    type: oneOf<AlgoSpec['type']>({ twap: true, vwap: true, peg: true, iceberg: true, stop: true, trailing_stop: true }),
    spec: algoSpecSchema.describe('The algo order as sent'),
    state: z.enum(ALGO_ORDER_STATES).describe('done: all filled; expired: time or liquidity ran out with quantity left; cancelled: by you (or when your user was disabled); failed: a child order was refused'),
    filledQty: decimal,
    remainingQty: decimal,
    avgPrice: maybeDecimal,
    ordersSent: z.number().int().describe('Child orders sent'),
    openOrders: ids.describe('Ids of the child orders still working'),
    lastError: z.string().nullable().describe('Why it ended short (expired, failed), or the last refusal'),
    createdAt: epochMs,
    endedAt: epochMs.nullable(),
  }),
);

const performanceFields = {
  equity: decimal,
  netDeposits: decimal,
  returnPercent: decimal,
  maxDrawdownPercent: decimal.describe('How far equity fell below its high, positive'),
  sharpe: maybeDecimal.describe('Null until there are enough equity samples'),
  trades: z.number().int(),
};

export const leaderboardRowSchema = shape('LeaderboardRow', 'A participant ranked by equity', z.object({ rank: z.number().int(), userId: z.number().int(), username: z.string(), ...performanceFields }));

export const botSchema = shape(
  'Bot',
  'A bot: definition, desired state and live status',
  z.object({
    id: z.number().int(),
    name: z.string(),
    ownerUserId: z.number().int(),
    ownerUsername: z.string(),
    userId: z.number().int(),
    accountId: z.number().int(),
    strategy: z.string(),
    params: z.record(z.string(), z.unknown()),
    symbols: z.array(z.string()),
    seed: z.number().int(),
    desiredState: z.enum(['running', 'stopped']),
    state: z.enum(['running', 'stopped', 'restarting', 'failed']),
    worker: z.number().int().nullable().describe('The worker thread it runs on (0 inline); null when it holds none'),
    heartbeat: epochMs.nullable(),
    ordersSent: z.number().int(),
    refusals: z.object({ count: z.number().int(), last: z.object({ code: z.string(), message: z.string(), at: epochMs }).nullable() }).describe('Placements the venue refused, over every run, and the latest'),
    ordersPerSecond: z.number(),
    errors: z.object({ count: z.number().int(), last: z.object({ message: z.string(), during: z.string(), at: epochMs }).nullable() }),
    restarts: z.number().int(),
    nextRestartAt: epochMs.nullable(),
    pnl: z.object({ realized: decimal, unrealized: decimal, fees: decimal, total: decimal }).nullable(),
    account: z.object({ equity: decimal, returnPercent: decimal, trades: z.number().int() }).nullable().describe('The account over its whole life; null until the leaderboard has valued it'),
    createdAt: epochMs,
    updatedAt: epochMs,
  }),
);

/** Bar intervals a strategy reads. */
const bars = z.array(z.string()).describe('The bar intervals the strategy reads');

const paramField = z.object({
  name: z.string(),
  type: z.string().nullable().describe("JSON Schema's type; null when the schema gives none"),
  default: z.unknown().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  exclusiveMinimum: z.number().optional(),
  exclusiveMaximum: z.number().optional(),
  enum: z.array(z.unknown()).optional(),
  description: z.string().optional(),
  required: z.boolean(),
});

export const strategyInfoSchema = shape(
  'BotStrategy',
  'A built-in strategy with its params as JSON Schema',
  z.object({ name: z.string(), description: z.string(), bars: bars, params: z.record(z.string(), z.unknown()).describe('JSON Schema of the params') }),
);

export const backtestStrategySchema = shape(
  'BacktestStrategy',
  'A strategy a backtest can run',
  z.object({
    id: z.string(),
    name: z.string(),
    source: z.enum(['built-in', 'example']),
    description: z.string(),
    symbols: z.array(z.string()),
    bars,
    params: z.record(z.string(), z.unknown()).describe('JSON Schema of the params'),
    fields: z.array(paramField).describe('The params as form fields'),
  }),
);

const ratio = z.number().nullable();
export const backtestMetricsSchema = shape(
  'BacktestMetrics',
  'A run’s headline figures: returns and ratios as fractions (0.1 = 10%), ratios annualized and null on a run too short for them',
  z.object({
    startEquity: z.number(),
    endEquity: z.number(),
    totalReturn: z.number(),
    cagr: ratio,
    volatility: ratio,
    sharpe: ratio,
    sortino: ratio,
    calmar: ratio,
    maxDrawdown: z.number(),
    maxDrawdownDurationMs: z.number(),
    trades: z.number().int(),
    winRate: ratio,
    profitFactor: ratio,
    exposure: z.number().describe('Share of the time with a position open'),
    turnover: z.number().describe('Traded notional over average equity'),
    fills: z.number().int(),
    fees: z.number(),
  }),
);

const capped = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int().describe('How many there are'), items: z.array(item).describe('The first ones, in time order') });
const backtestFill = z.object({ ts: epochMs, symbol: z.string(), side, price: z.number(), qty: z.number(), fee: z.number(), liquidity: z.enum(['maker', 'taker']), orderId: z.number().int() });

export const backtestResultSchema = shape(
  'BacktestResult',
  'A backtest’s result: figures, curves (thinned to at most 2000 points), fills, round trips, order outcomes and data gaps; numbers, not decimal strings',
  z.object({
    strategy: z.string(),
    params: z.unknown().describe('The params the strategy ran with'),
    symbols: z.array(z.string()),
    currency: z.string(),
    startTs: epochMs,
    endTs: epochMs,
    records: z.number().int(),
    error: z.string().nullable().describe('Why the strategy stopped early, when it failed'),
    metrics: backtestMetricsSchema,
    equity: z.array(z.object({ ts: epochMs, equity: z.number() })),
    drawdown: z.array(z.object({ ts: epochMs, drawdown: z.number().describe('Fall below the high-water mark, as a fraction of it') })),
    prices: z.object({ symbol: z.string(), intervalMs: z.number(), bars: z.array(z.object({ ts: epochMs, open: z.number(), high: z.number(), low: z.number(), close: z.number(), volume: z.number() })) }).nullable(),
    fills: capped(backtestFill),
    marks: capped(backtestFill).extend({ every: z.number().int().describe('1 when every fill is marked; N when every Nth buy and every Nth sell are') }),
    trades: capped(z.object({ symbol: z.string(), side: z.enum(['long', 'short']), openTs: epochMs, closeTs: epochMs.nullable(), qty: z.number(), entryPrice: z.number(), exitPrice: z.number().nullable(), pnl: z.number(), fees: z.number() })),
    orders: z.object({ accepted: z.number().int(), refused: z.record(z.string(), z.number().int()).describe('By reason code'), endedByExchange: z.record(z.string(), z.number().int()).describe('By reason code') }),
    dataGaps: z.object({ total: z.number().int(), items: z.array(z.object({ symbol: z.string(), from: epochMs, to: epochMs, lengthMs: z.number() })).describe('The largest, largest first') }),
  }),
);

const paramPoint = z.record(z.string(), z.unknown()).describe('One value per param');
const trial = z.object({ rank: z.number().int().describe('1 for the best'), params: paramPoint, score: z.number().nullable(), metrics: backtestMetricsSchema.nullable(), error: z.string().nullable(), refused: z.record(z.string(), z.number().int()).describe('The run’s orders the venue refused, by reason; empty when none were') });
const span = z.object({ from: epochMs, to: epochMs });

export const optimizationResultSchema = shape(
  'OptimizationResult',
  'An optimization’s result: every trial ranked best first, and the walk-forward folds when used',
  z.object({
    objective: z.string(),
    method: z.enum(['grid', 'random']),
    records: z.number().int(),
    startTs: epochMs.nullable(),
    endTs: epochMs.nullable(),
    trials: z.array(trial).describe('Best first; empty with walk-forward, whose folds hold the results'),
    best: trial.nullable(),
    elapsedMs: z.number(),
    walkForward: z
      .object({
        folds: z.array(z.object({ inSample: span, outOfSample: span, best: paramPoint.nullable(), inSampleScore: z.number().nullable(), outOfSampleScore: z.number().nullable() })),
        failedFolds: z.number().int().describe('Folds missing a score: no in-sample winner, or none out of sample (a failed run, or a window too short for the objective)'),
        meanInSample: z.number().nullable().describe('Mean of the in-sample scores the folds have; null when none has one'),
        meanOutOfSample: z.number().nullable().describe('Mean of the out-of-sample scores the folds have; null when none has one'),
        efficiency: z.number().nullable(),
      })
      .nullable(),
  }),
);

const runProgress = z.object({
  fraction: z.number().describe('0 to 1'),
  done: z.number().int(),
  total: z.number().int(),
  unit: z.enum(['records', 'trials']),
  stage: z.enum(['queued', 'loading', 'running', 'finished']),
  elapsedMs: z.number(),
  etaMs: z.number().nullable(),
});

const runFields = {
  id: z.number().int(),
  kind: z.enum(['backtest', 'optimization']),
  ownerUserId: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  strategy: z.string(),
  symbol: z.string(),
  request: z.record(z.string(), z.unknown()).describe('The request as validated'),
  progress: runProgress,
  error: z.string().nullable(),
  createdAt: epochMs,
  startedAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  skippedRows: z.number().int().describe("Stored rows off the instrument's grid the run skipped"),
  metrics: backtestMetricsSchema.nullable().describe("A done backtest's metrics, an optimization's best trial's (null with walk-forward)"),
};

export const runSchema = shape('Run', 'A backtest or an optimization: status and progress', z.object(runFields));
export const runWithResultSchema = shape(
  'RunWithResult',
  'A backtest or an optimization with, once done, its results',
  z.object({ ...runFields, result: z.union([backtestResultSchema, optimizationResultSchema]).nullable().optional().describe('Once done: a backtest’s or an optimization’s result; null before') }),
);

export const meSchema = z.object({ user: userSchema, scopes: z.array(z.string()), keyId: z.string().nullable() });

export const dataCatalogSchema = z.object({
  stored: z.array(z.object({ symbol: z.string(), kind: z.enum(['bars', 'trades', 'quotes']), interval: z.string().nullable(), rows: z.number().int(), first: epochMs, last: epochMs, backtestable: z.boolean() })),
  instruments: z.array(z.object({ symbol: z.string(), base: z.string(), quote: z.string(), tickSize: decimal, lotSize: decimal, referencePrice: decimal, makerFeeBps: z.number(), takerFeeBps: z.number() })),
  synthetic: z.object({ kinds: z.array(z.string()), maxCount: z.number().int(), defaults: z.record(z.string(), z.unknown()), jumpDefaults: z.record(z.string(), z.unknown()), description: z.string() }),
  fillModels: z.array(z.object({ name: z.string(), kinds: z.array(z.string()), description: z.string() })),
  maxRecords: z.number().int(),
});

export const healthSchema = z.object({ status: z.literal('ok'), journalSeq: z.number().int().describe('The last journal entry written') });
