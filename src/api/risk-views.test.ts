// Tests for how a refused risk reset says who can clear the breaches.
import { describe, expect, it } from 'vitest';
import { stillBreachedMessage } from './risk-views.ts';

describe('stillBreachedMessage', () => {
  it("tells the owner to loosen a limit of their own layer, and leaves an admin's layers to an admin", () => {
    expect(stillBreachedMessage([{ limit: 'maxDailyLoss', value: 600, threshold: 500, source: 'self' }])).toBe(
      "A limit is still breached; the kill switch stays on until it is not: the account's owner may loosen their own limit (PUT /api/v1/risk/limits).",
    );
    expect(stillBreachedMessage([{ limit: 'maxGrossExposure', value: 600, threshold: 500, source: 'account' }])).toBe(
      'A limit is still breached; the kill switch stays on until it is not: an admin may raise the account or strategy limit.',
    );
    expect(stillBreachedMessage([{ limit: 'maxDrawdownBps', value: 600, threshold: 500, source: 'strategy' }])).toMatch(/raise the account or strategy limit; an admin may move the high-water mark \(rebaseHighWaterMark\)\.$/);
  });
});
