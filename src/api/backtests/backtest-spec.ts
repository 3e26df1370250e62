// What a client sends to start a backtest or an optimization: strategy, data (stored or synthetic), fills, latency, fees, cash; zod schemas, also shown at /docs.
import { z } from 'zod';
import { OBJECTIVES } from '../../backtest/optimizer/objective.ts';
import { MAX_FEE_BPS } from '../../core/limits.ts';
import { intervalToMs } from '../../core/market-history.ts';
import { isPositiveDecimal, plainDecimalText } from '../../platform/units.ts';
import { LATEST_TIME_MS, symbol, text } from '../http/schemas.ts';

/** The most records one run replays (stored rows in the range, or synthetic ones). */
export const MAX_RECORDS = 5_000_000;
/** The most trials one optimization runs (per walk-forward fold). */
export const MAX_TRIALS = 10_000;
export const MAX_FOLDS = 20;

/** Synthetic data when the request leaves a setting out. */
export const SYNTHETIC_DEFAULTS = Object.freeze({
  kind: 'bars',
  interval: '1m',
  start: Date.UTC(2020, 0, 1),
  seed: 1,
  drift: 0.05,
  volatility: 0.2,
  meanTradeGapMs: 1_000,
});

/** A jump's size when the request gives only how often they come. */
export const JUMP_DEFAULTS = Object.freeze({ mean: 0, stdDev: 0.05 });

export const FILL_MODELS = [
  { name: 'trade-through', kinds: ['trades', 'bars'], description: 'Limits fill when a trade prints through their price (at it with fillOnTouch), up to its size; bars count as a trade at the close. Default for trades.' },
  { name: 'bar-path', kinds: ['bars'], description: 'Limits fill when the bar path (open, nearer extreme, farther extreme, close) passes their price. Default for bars.' },
  { name: 'book-replay', kinds: [], description: 'Queue-position fills against a recorded L2 book: needs book records, which stored history and synthetic data do not have (recordings from paper runs do, through the CLI).' },
] as const;

const epochMs = z.number().int().min(0).max(LATEST_TIME_MS).describe('Epoch milliseconds');
/** Read by the one rule every decimal of the API is read with (plainDecimalText), as `bourse backtest --cash` reads it too. */
const decimalText = z
  .string()
  .max(34)
  .refine((value) => {
    const plain = plainDecimalText(value);
    return plain !== undefined && isPositiveDecimal(plain);
  }, 'must be a positive decimal string such as "10000" or "190.25" (digits, no spaces, exponent or leading zeros)');
const interval = z
  .string()
  .refine((value) => intervalToMs(value) !== undefined, 'must be a number and a unit (s, m, h, d or w), such as 1m or 4h')
  .describe('Bar interval, such as 1m or 1h');
const kind = z.enum(['bars', 'trades']).describe('Bars or trades; quotes alone cannot drive a backtest');

const storedData = z
  .object({
    source: z.literal('stored'),
    kind,
    interval: interval.default('1m').describe('Bars only: the stored series\' interval'),
    from: epochMs.optional().describe('First time, inclusive (default: the series\' start)'),
    to: epochMs.optional().describe('End time, exclusive (default: the series\' end)'),
  })
  .strict()
  .refine((data) => data.from === undefined || data.to === undefined || data.from < data.to, { message: 'from must be before to', path: ['to'] })
  .describe('History stored with bourse import or bourse generate (GET /api/v1/backtests/data lists it)');

const syntheticData = z
  .object({
    source: z.literal('synthetic'),
    kind: kind.default(SYNTHETIC_DEFAULTS.kind),
    interval: interval.default(SYNTHETIC_DEFAULTS.interval).describe('Bars only: their interval'),
    count: z.number().int().min(1).max(MAX_RECORDS).describe('Bars or trades to generate'),
    start: epochMs.default(SYNTHETIC_DEFAULTS.start).describe('Time of the first bar or trade'),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(SYNTHETIC_DEFAULTS.seed).describe('The same seed and settings give the same series'),
    drift: z.number().min(-10).max(10).default(SYNTHETIC_DEFAULTS.drift).describe('Annual drift of the log price'),
    volatility: z.number().min(0).max(10).default(SYNTHETIC_DEFAULTS.volatility).describe('Annual volatility'),
    jumps: z
      .object({
        perYear: z.number().min(0).max(100_000).describe('Mean jumps a year (Poisson)'),
        mean: z.number().min(-5).max(5).default(JUMP_DEFAULTS.mean).describe('Mean jump in log price'),
        stdDev: z.number().min(0).max(5).default(JUMP_DEFAULTS.stdDev).describe('Standard deviation of a jump in log price'),
      })
      .strict()
      .optional(),
    startPrice: decimalText.optional().describe("First price (default: the instrument's reference price)"),
    meanTradeGapMs: z.number().min(1).max(86_400_000).default(SYNTHETIC_DEFAULTS.meanTradeGapMs).describe('Trades only: mean ms between trades'),
  })
  .strict()
  .describe("Seeded synthetic data: geometric Brownian motion with optional jumps, on the instrument's grid");

/** Fields a single run and an optimization share. */
const runFields = {
  strategy: text().min(1).max(100).describe('A strategy id from GET /api/v1/backtests/strategies: a built-in name, or examples/<name>'),
  symbol: symbol.describe("A listed symbol: its tick size, lot size and fees are the ones the backtest trades with"),
  data: z.discriminatedUnion('source', [storedData, syntheticData]),
  fillModel: z.enum(['trade-through', 'bar-path', 'book-replay']).optional().describe('Default: bar-path for bars, trade-through for trades'),
  slippageTicks: z.number().int().min(0).max(1_000_000).default(0).describe('Ticks market orders fill away from the last price'),
  slippageBps: z.number().int().min(0).max(10_000).default(0).describe('Basis points of the price added as slippage (the larger of the two applies)'),
  fillOnTouch: z.boolean().default(false).describe('A limit fills when the market reaches its price, not only when it trades through'),
  latency: z
    .object({ ms: z.number().int().min(0).max(86_400_000), jitterMs: z.number().int().min(0).max(86_400_000).default(0) })
    .strict()
    .optional()
    .describe('Delay of every strategy action, plus a seeded uniform jitter'),
  fees: z
    .object({ makerBps: z.number().int().min(0).max(MAX_FEE_BPS), takerBps: z.number().int().min(0).max(MAX_FEE_BPS) })
    .strict()
    .optional()
    .describe("Fees in basis points instead of the instrument's"),
  cash: decimalText.default('10000').describe('Starting cash in the quote currency'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1).describe("Seeds the strategy's random numbers and the latency jitter"),
};

const paramValue = z.union([z.number().finite(), text().max(200), z.boolean()]);

export const backtestRequest = z
  .object({
    ...runFields,
    params: z.record(z.string().max(64), z.unknown()).default({}).describe("The strategy's params (see its fields); each has a default"),
  })
  .strict();

export const optimizationRequest = z
  .object({
    ...runFields,
    space: z
      .record(
        z.string().max(64),
        z.union([
          paramValue.describe('One value, held fixed'),
          z.array(paramValue).min(1).max(MAX_TRIALS).describe('The values to try'),
          z
            .object({ from: z.number().finite(), to: z.number().finite(), step: z.number().positive().finite().default(1) })
            .strict()
            .describe('from, from + step, ... up to to, inclusive'),
        ]),
      )
      .refine((space) => Object.keys(space).length > 0, 'name at least one param to search')
      .describe('The params to search, by name: a value, a list, or a range'),
    method: z.enum(['grid', 'random']).default('grid').describe('grid: every combination; random: `samples` distinct ones'),
    samples: z.number().int().min(1).max(MAX_TRIALS).default(50),
    objective: z.enum(OBJECTIVES).default('sharpe').describe('What to maximize'),
    walkForward: z
      .object({ folds: z.number().int().min(1).max(MAX_FOLDS), inSampleShare: z.number().min(0.05).max(0.95).default(0.7) })
      .strict()
      .optional()
      .describe('Cut the data into folds: tune on the first share of each, test the winner on the rest'),
  })
  .strict();

export type BacktestRequest = z.infer<typeof backtestRequest>;
export type OptimizationRequest = z.infer<typeof optimizationRequest>;
export type RunRequest = BacktestRequest | OptimizationRequest;
export type DataRequest = RunRequest['data'];
