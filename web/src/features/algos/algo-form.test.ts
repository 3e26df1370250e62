import { describe, expect, it } from 'vitest';
import type { TicketInstrument } from '../market/ticket-validation.ts';
import { algoFields, algoRequest, emptyAlgoForm, parseProfile, type AlgoForm } from './algo-form.ts';

const AAPL: TicketInstrument = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', takerFeeBps: 1, makerFeeBps: 0, bandBps: 1000 };
const form = (overrides: Partial<AlgoForm>): AlgoForm => ({ ...emptyAlgoForm('AAPL'), qty: '100', ...overrides });

describe('the algo order form', () => {
  it('sends a TWAP as its schedule in ms, with the jitter as a share and the cap only when given', () => {
    expect(algoRequest(form({ durationMinutes: '30', slices: '6', timingJitter: '25' }), AAPL)).toEqual({
      ok: true,
      body: { type: 'twap', symbol: 'AAPL', side: 'buy', qty: '100', durationMs: 1_800_000, slices: 6, style: 'market', randomize: { timing: 0.25 } },
    });
    expect(algoRequest(form({ durationMinutes: '0.5', slices: '2', style: 'limit', limitPrice: '190.5' }), AAPL)).toMatchObject({ ok: true, body: { durationMs: 30_000, style: 'limit', limitPrice: '190.5' } });
  });

  it('asks a VWAP for one weight per slice', () => {
    expect(algoRequest(form({ type: 'vwap', slices: '3', profile: '1, 2 1' }), AAPL)).toMatchObject({ ok: true, body: { type: 'vwap', profile: [1, 2, 1] } });
    expect(algoRequest(form({ type: 'vwap', slices: '3', profile: '1, 2' }), AAPL)).toEqual({ ok: false, errors: { profile: 'Give 3 weights, one per slice (2 given).' } });
    expect(parseProfile('0, 0', 2)).toBe('At least one weight must be more than 0.');
    expect(parseProfile('1, -2', 2)).toBe('Weights are plain numbers, 0 or more, separated by commas.');
  });

  it('needs an iceberg’s limit price and a shown quantity no larger than the whole', () => {
    expect(algoRequest(form({ type: 'iceberg', displayQty: '10' }), AAPL)).toEqual({ ok: false, errors: { limitPrice: 'Enter a limit price.' } });
    expect(algoRequest(form({ type: 'iceberg', displayQty: '101', limitPrice: '190' }), AAPL)).toEqual({ ok: false, errors: { displayQty: 'At most the whole quantity.' } });
    expect(algoRequest(form({ type: 'iceberg', displayQty: '10', limitPrice: '190' }), AAPL)).toEqual({ ok: true, body: { type: 'iceberg', symbol: 'AAPL', side: 'buy', qty: '100', limitPrice: '190', displayQty: '10' } });
  });

  it('sends a stop, a trailing stop and a peg with their own fields only', () => {
    expect(algoRequest(form({ type: 'stop', side: 'sell', stopPrice: '180' }), AAPL)).toEqual({ ok: true, body: { type: 'stop', symbol: 'AAPL', side: 'sell', qty: '100', stopPrice: '180' } });
    expect(algoRequest(form({ type: 'trailing_stop', trail: '1.5', limitPrice: '190' }), AAPL)).toEqual({ ok: true, body: { type: 'trailing_stop', symbol: 'AAPL', side: 'buy', qty: '100', trailPercent: '1.5' } });
    expect(algoRequest(form({ type: 'trailing_stop', trailBy: 'amount', trail: '0.005' }), AAPL)).toEqual({ ok: false, errors: { trail: 'Must be a multiple of the tick size 0.01.' } });
    expect(algoRequest(form({ type: 'trailing_stop', trail: '100' }), AAPL)).toEqual({ ok: false, errors: { trail: 'Less than 100%.' } });
    expect(algoRequest(form({ type: 'peg', improveTicks: '2' }), AAPL)).toEqual({ ok: true, body: { type: 'peg', symbol: 'AAPL', side: 'buy', qty: '100', improveTicks: 2 } });
  });

  it('refuses what the server would, field by field, before sending', () => {
    expect(algoRequest(form({ qty: '1.5', durationMinutes: '0.01', slices: '0', timingJitter: '150' }), AAPL)).toEqual({
      ok: false,
      errors: { qty: 'Must be a multiple of the lot size 1.', durationMinutes: 'At least one second (0.02 minutes).', slices: 'From 1 to 10,000.', timingJitter: 'At most 100%.' },
    });
    expect(algoRequest(form({ durationMinutes: '20000' }), AAPL)).toEqual({ ok: false, errors: { durationMinutes: 'At most a week (10,080 minutes).' } });
    expect(algoRequest(form({ type: 'stop', stopPrice: '' }), AAPL)).toEqual({ ok: false, errors: { stopPrice: 'Enter a trigger price.' } });
  });

  it('shows each algorithm its own fields', () => {
    expect(algoFields('iceberg')).toEqual(['qty', 'displayQty', 'limitPrice']);
    expect(algoFields('trailing_stop')).not.toContain('limitPrice');
  });
});
