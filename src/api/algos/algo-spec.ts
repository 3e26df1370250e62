// What an API client asks for as an algo order: the algorithm and its parameters, as the REST body and the WebSocket carry them.
//
// Its quantities and prices are a plain order's decimal fields: a decimal string or a JSON number,
// checked by the conversion a plain order's go through (see algo-checks.ts), not here.
import { z } from 'zod';
import { unboundedProfile } from '../../strategy/index.ts';
import { decimal } from '../http/schemas.ts';
const common = {
  symbol: z.string().min(1).max(32),
  side: z.enum(['buy', 'sell']),
  qty: decimal,
  /** Never buy above (sell below) this price. */
  limitPrice: decimal.optional(),
};
const schedule = {
  durationMs: z.number().int().min(1_000).max(7 * 86_400_000),
  slices: z.number().int().min(1).max(10_000),
  style: z.enum(['market', 'limit']).optional(),
  randomize: z.object({ timing: z.number().min(0).max(1).optional(), size: z.number().min(0).max(1).optional() }).strict().optional(),
  /** What the last slice left, until the end plus graceMs: market-style slices send it again, a limit-style one follows the touch, every retryMs (false: neither). */
  catchUp: z
    .union([z.literal(false), z.object({ graceMs: z.number().int().min(0).max(86_400_000).optional(), retryMs: z.number().int().min(1_000).max(3_600_000).optional() }).strict()], {
      // Zod's own word for a value that is neither is "Invalid input"; say what is taken.
      error: (issue) => (issue.code === 'invalid_union' ? 'catchUp must be false or an object such as {"graceMs": 60000, "retryMs": 5000}' : undefined),
    })
    .optional(),
};

/** Weights per slice; each finite, and so is their sum, which sizes every slice (checked before the plan is tried, as the algorithm checks it). */
const vwapProfile = z
  .array(z.number().nonnegative())
  .min(1)
  .max(10_000)
  .superRefine((weights, context) => {
    const unbounded = unboundedProfile(weights);
    if (unbounded) context.addIssue({ code: 'custom', message: unbounded });
  });

export const algoSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('twap'), ...common, ...schedule }).strict(),
  z.object({ type: z.literal('vwap'), ...common, ...schedule, profile: vwapProfile }).strict(),
  z.object({ type: z.literal('peg'), ...common, improveTicks: z.number().int().min(0).max(1_000).optional() }).strict(),
  z.object({ type: z.literal('iceberg'), ...common, limitPrice: decimal, displayQty: decimal, displayJitter: z.number().min(0).max(1).optional() }).strict(),
  z.object({ type: z.literal('stop'), ...common, stopPrice: decimal }).strict(),
  z
    .object({ type: z.literal('trailing_stop'), symbol: common.symbol, side: common.side, qty: common.qty, trailAmount: decimal.optional(), trailPercent: decimal.optional() })
    .strict()
    .refine((spec) => (spec.trailAmount === undefined) !== (spec.trailPercent === undefined), { message: 'give exactly one of trailAmount and trailPercent', path: ['trailAmount'] }),
]);

export type AlgoSpec = z.infer<typeof algoSpecSchema>;
export const ALGO_TYPES = ['twap', 'vwap', 'peg', 'iceberg', 'stop', 'trailing_stop'] as const;

/** The spec's decimal fields, as the body names them. */
const DECIMAL_FIELDS = ['qty', 'limitPrice', 'displayQty', 'stopPrice', 'trailAmount', 'trailPercent'] as const;

/** The spec with each decimal field as the text a JSON number stands for, once the numbers are checked: the algorithms take strings exactly. */
export function withDecimalText(spec: AlgoSpec): AlgoSpec {
  const text: Record<string, unknown> = { ...spec };
  for (const field of DECIMAL_FIELDS) if (typeof text[field] === 'number') text[field] = String(text[field]);
  return text as AlgoSpec;
}
