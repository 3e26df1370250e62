// The dashboard's risk-limit form (web/src/features/admin/limits.ts) takes what the API takes and refuses what it refuses, with the API's message (parseLimitValue).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_LIMIT_NAMES, parseLimitValue } from '../src/platform/risk/limit-units.ts';
import { LIMIT_FIELDS, type LimitField } from '../src/platform/risk/limits.ts';
import { LIMITS, limitProblem } from '../web/src/features/admin/limits.ts';

const USD = { code: 'USD', scale: 6 };
const SAMPLES = ['0', '0.00', '-0', '-1', '1', '0.5', '0.01', '0.001', '05', '+5', '1e3', ' 5', '.5', 'abc', '2.5', '2.0', '12.345', '99.99', '100', '100.00', '100.01', '100.001', '1000000', '1000001', '1000000.5', '25000.50'];

function serverProblem(field: LimitField, text: string): string | undefined {
  const parsed = parseLimitValue(field, text, USD);
  return typeof parsed === 'number' ? undefined : parsed.message;
}

/** The form's check must agree with the server's; an amount's form and grid (which need the currency's scale) are the server's alone. */
function expectSameVerdict(field: LimitField, text: string): void {
  const limit = LIMITS.find((l) => l.name === API_LIMIT_NAMES[field])!;
  const form = limitProblem(limit, text);
  const server = serverProblem(field, text);
  if (limit.unit === 'money' && form === undefined) return;
  expect(form, `${field} ${JSON.stringify(text)}`).toBe(server);
}

describe('risk limits in the dashboard form and the API', () => {
  it('agree on every sample value of every limit', () => {
    for (const field of LIMIT_FIELDS) for (const text of SAMPLES) expectSameVerdict(field, text);
  });

  it('agree on 0: an amount may be 0, a percentage or the rate may not', () => {
    for (const field of LIMIT_FIELDS) {
      const limit = LIMITS.find((l) => l.name === API_LIMIT_NAMES[field])!;
      expect(limitProblem(limit, '0') === undefined, field).toBe(serverProblem(field, '0') === undefined);
    }
    expect(limitProblem(LIMITS.find((l) => l.name === 'maxDailyLoss')!, '0')).toBeUndefined();
  });

  it('agree on any decimal-looking text of a percentage or the rate', () => {
    const text = fc.oneof(fc.stringMatching(/^-?\d{1,8}(\.\d{1,3})?$/), fc.constantFrom(...SAMPLES));
    fc.assert(
      fc.property(fc.constantFrom<LimitField>('maxDrawdownBps', 'maxOrdersPerSecond'), text, (field, value) => {
        expectSameVerdict(field, value);
      }),
      { numRuns: 3_000 },
    );
  });
});
