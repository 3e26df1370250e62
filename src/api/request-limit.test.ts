// Tests for the wait a refusal tells a caller.
import { describe, expect, it } from 'vitest';
import { duration } from './request-limit.ts';

describe('duration', () => {
  it('says seconds under two minutes, whole minutes rounded up from there, and hours when whole', () => {
    expect([1, 41, 60, 61, 119].map(duration)).toEqual(['1 second', '41 seconds', '1 minute', '61 seconds', '119 seconds']);
    expect([120, 837, 840, 3599].map(duration)).toEqual(['2 minutes', '14 minutes', '14 minutes', '60 minutes']);
    expect([3600, 7200].map(duration)).toEqual(['1 hour', '2 hours']);
  });
});
