import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/format.ts';
import { heartbeatAge, retryIn, statusOf } from './bot-status.ts';

describe('statusOf', () => {
  it('names the four pool states as the screen says them', () => {
    expect(statusOf({ state: 'running', heartbeat: 1 })).toEqual({ label: 'running', tone: 'up' });
    expect(statusOf({ state: 'running', heartbeat: null })).toEqual({ label: 'starting', tone: 'accent' });
    expect(statusOf({ state: 'stopped', heartbeat: 1 })).toEqual({ label: 'stopped', tone: 'neutral' });
    expect(statusOf({ state: 'restarting', heartbeat: 1 })).toEqual({ label: 'backing off', tone: 'warn' });
    expect(statusOf({ state: 'failed', heartbeat: null })).toEqual({ label: 'errored', tone: 'down' });
  });
});

describe('heartbeatAge and retryIn', () => {
  it('measures only what matters for the state, never below zero', () => {
    expect(heartbeatAge({ state: 'running', heartbeat: 1_000 }, 3_500)).toBe(2_500);
    expect(heartbeatAge({ state: 'running', heartbeat: 4_000 }, 3_500)).toBe(0);
    expect(heartbeatAge({ state: 'stopped', heartbeat: 1_000 }, 3_500)).toBeUndefined();
    expect(retryIn({ state: 'restarting', nextRestartAt: 5_000 }, 3_000)).toBe(2_000);
    expect(retryIn({ state: 'running', nextRestartAt: 5_000 }, 3_000)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('keeps a tenth of a second while short, then whole units, always rounded down', () => {
    expect(formatDuration(850)).toBe('0.8 s');
    expect(formatDuration(9_999)).toBe('9.9 s');
    expect(formatDuration(-5)).toBe('0.0 s');
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(190_000)).toBe('3 min');
    expect(formatDuration(7_200_000)).toBe('2 h');
    expect(formatDuration(3 * 86_400_000)).toBe('3 d');
    expect(formatDuration(null)).toBe('—');
  });
});
