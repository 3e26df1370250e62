// The dashboard's algo order form (web/src/features/algos/algo-form.ts) sends bodies the API takes: every body it builds, for every algorithm and any values it lets through, parses under the server's strict algoSpecSchema unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALGO_TYPES, algoSpecSchema } from '../src/api/algos/algo-spec.ts';
import { algoRequest, emptyAlgoForm, type AlgoForm } from '../web/src/features/algos/algo-form.ts';
import type { TicketInstrument } from '../web/src/features/market/ticket-validation.ts';

const AAPL: TicketInstrument = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', takerFeeBps: 1, makerFeeBps: 0, bandBps: 1000 };

const amount = fc.oneof(fc.integer({ min: 1, max: 500 }).map(String), fc.constantFrom('0.5', '.25', '190.01', '007', ''));
const formArbitrary: fc.Arbitrary<AlgoForm> = fc.record({
  type: fc.constantFrom(...ALGO_TYPES),
  symbol: fc.constant('AAPL'),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  qty: amount,
  limitPrice: amount,
  durationMinutes: fc.constantFrom('0.02', '1', '30', '10080', '0.5'),
  slices: fc.integer({ min: 1, max: 5 }).map(String),
  style: fc.constantFrom('market' as const, 'limit' as const),
  timingJitter: fc.constantFrom('', '0', '25', '100'),
  profile: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }).map((weights) => weights.join(', ')),
  improveTicks: fc.integer({ min: 0, max: 1_000 }).map(String),
  displayQty: amount,
  stopPrice: amount,
  trailBy: fc.constantFrom('amount' as const, 'percent' as const),
  trail: fc.constantFrom('1', '1.5', '0.01', '99.99'),
});

describe('the dashboard’s algo order form and the API', () => {
  it('builds only bodies the API’s schema takes as they are', () => {
    let accepted = 0;
    fc.assert(
      fc.property(formArbitrary, (form) => {
        const built = algoRequest(form, AAPL);
        if (!built.ok) return;
        accepted++;
        expect(algoSpecSchema.parse(built.body)).toEqual(built.body);
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('sends each algorithm from its defaults once its own fields are filled', () => {
    const filled = { qty: '10', limitPrice: '190', displayQty: '5', stopPrice: '180', trail: '2', profile: '1 1 1 1 1 1 1 1 1 1' };
    for (const type of ALGO_TYPES) {
      const built = algoRequest({ ...emptyAlgoForm('AAPL'), ...filled, type }, AAPL);
      expect(built.ok, type).toBe(true);
      if (built.ok) expect(algoSpecSchema.safeParse(built.body).success, type).toBe(true);
    }
  });
});
