import { describe, expect, it } from 'vitest';
import { downsample, drawdownCurve } from './downsample.ts';

describe('downsample', () => {
  it('keeps short series whole and long ones within the limit, with the ends and every bucket extreme', () => {
    const short = [1, 2, 3].map((v, i) => ({ ts: i, v }));
    expect(downsample(short, 10, (p) => p.v)).toEqual(short);
    const long = Array.from({ length: 10_001 }, (_, i) => ({ ts: i, v: Math.sin(i / 50) + (i === 7_777 ? -5 : 0) + (i === 1_234 ? 5 : 0) }));
    const thin = downsample(long, 2_000, (p) => p.v);
    expect(thin.length).toBeLessThanOrEqual(2_000);
    expect(thin.length).toBeGreaterThan(1_900);
    expect(thin[0]).toBe(long[0]);
    expect(thin.at(-1)).toBe(long.at(-1));
    expect(thin.map((p) => p.ts)).toEqual([...thin.map((p) => p.ts)].sort((a, b) => a - b));
    expect(thin).toContain(long[7_777]);
    expect(thin).toContain(long[1_234]);
  });

  it('measures the drawdown from the running high', () => {
    const equity = [100, 120, 90, 120, 130, 65].map((equity, ts) => ({ ts, equity }));
    expect(drawdownCurve(equity).map((p) => p.drawdown)).toEqual([0, 0, 0.25, 0, 0, 0.5]);
  });
});
