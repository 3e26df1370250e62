// Fast counters and histograms expose exactly what prom-client's would for the same observations.
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastCounter, FastHistogram } from './fast-metrics.ts';

const BUCKETS = [0.001, 0.01, 0.1, 1];

function both() {
  const theirs = new Registry();
  const ours = new Registry();
  return {
    theirs,
    ours,
    counter: [
      new Counter({ name: 'c_total', help: 'a counter', labelNames: ['route', 'status'], registers: [theirs] }),
      new FastCounter({ name: 'c_total', help: 'a counter', labelNames: ['route', 'status'], registers: [ours] }),
    ] as const,
    plain: [new Counter({ name: 'p_total', help: 'no labels', registers: [theirs] }), new FastCounter({ name: 'p_total', help: 'no labels', registers: [ours] })] as const,
    histogram: [
      new Histogram({ name: 'h_seconds', help: 'a histogram', labelNames: ['channel', 'type'], buckets: BUCKETS, registers: [theirs] }),
      new FastHistogram({ name: 'h_seconds', help: 'a histogram', labelNames: ['channel', 'type'], buckets: BUCKETS, registers: [ours] }),
    ] as const,
    unlabelled: [
      new Histogram({ name: 'u_seconds', help: 'unlabelled', buckets: BUCKETS, registers: [theirs] }),
      new FastHistogram({ name: 'u_seconds', help: 'unlabelled', buckets: BUCKETS, registers: [ours] }),
    ] as const,
  };
}

describe('fast metrics', () => {
  it('expose the text prom-client exposes, through labels objects and kept slots alike', async () => {
    const m = both();
    const values = [0, 0.0005, 0.001, 0.004, 0.01, 0.5, 1, 3];
    for (const [i, v] of values.entries()) {
      const labels = { channel: i % 2 ? 'ws' : 'http', type: i % 3 ? 'limit' : 'market' };
      m.histogram[0].observe(labels, v);
      if (i % 2) m.histogram[1].observe(labels, v);
      else m.histogram[1].child(labels.channel, labels.type).observe(v);
      m.unlabelled[0].observe(v);
      m.unlabelled[1].observe(v);
      m.counter[0].inc({ route: '/x', status: 200 + (i % 2) });
      m.counter[1].child('/x', 200 + (i % 2)).inc();
    }
    m.counter[0].inc({ route: '/y', status: 404 }, 5);
    m.counter[1].inc({ route: '/y', status: 404 }, 5);
    expect(await m.ours.metrics()).toBe(await m.theirs.metrics());
    // prom-client's JSON also carries empty exemplar slots; the samples are the same.
    const samples = (json: unknown) => JSON.parse(JSON.stringify(json, (key, value: unknown) => (key === 'exemplar' ? undefined : value))) as unknown;
    expect(samples(await m.ours.getMetricsAsJSON())).toEqual(samples(await m.theirs.getMetricsAsJSON()));
  });

  it('show unlabelled metrics at zero before the first observation, and reset in place', async () => {
    const m = both();
    expect(await m.ours.metrics()).toBe(await m.theirs.metrics());
    const kept = m.histogram[1].child('http', 'limit');
    kept.observe(0.002);
    m.histogram[0].observe({ channel: 'http', type: 'limit' }, 0.002);
    m.ours.resetMetrics();
    m.theirs.resetMetrics();
    kept.observe(0.02);
    m.histogram[0].observe({ channel: 'http', type: 'limit' }, 0.02);
    expect(await m.ours.getSingleMetricAsString('h_seconds')).toBe(await m.theirs.getSingleMetricAsString('h_seconds'));
  });

  it('refuses what prom-client refuses: a shrinking counter, a missing label, a value that is not finite', () => {
    const m = both();
    expect(() => m.counter[1].inc({ route: '/x', status: 200 }, -1)).toThrow();
    expect(() => m.histogram[1].observe({ channel: 'ws' }, 1)).toThrow(/type/);
    expect(() => m.histogram[1].observe({ channel: 'ws', type: 'limit' }, NaN)).toThrow();
  });
});
