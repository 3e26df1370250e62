// Counters and histograms cheap enough for every request: a label set resolves once to its own slot; prom-client's registry formats them.
import type { Registry } from 'prom-client';

type LabelValue = string | number;

export interface MetricConfig<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly L[];
  readonly registers: readonly Registry[];
}

/** One exported sample, in the shape prom-client's Registry formats. */
interface Sample {
  readonly value: number;
  readonly labels: Record<string, LabelValue>;
  readonly metricName?: string;
}

/**
 * prom-client hashes the label object (sorting its keys into a string) and validates it on every
 * observation; here the label values lead through nested maps to a slot made once per label set,
 * and a caller that keeps the slot from `child()` skips even that.
 */
abstract class LabelledMetric<L extends string, S> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  readonly aggregator = 'sum';
  abstract readonly type: 'counter' | 'histogram';
  private readonly root = new Map<string, unknown>();
  protected readonly slots: Array<{ readonly labels: Record<string, LabelValue>; readonly slot: S }> = [];

  constructor(config: MetricConfig<L>) {
    this.name = config.name;
    this.help = config.help;
    this.labelNames = config.labelNames ?? [];
    for (const registry of config.registers) registry.registerMetric(this as never);
  }

  /** The slot of one label set, values in `labelNames` order. */
  child(...values: LabelValue[]): S {
    return this.slotFor(values);
  }

  /** The slot of a label object, as prom-client takes it; every label must be given. */
  protected slotOf(labels: Partial<Record<L, LabelValue>>): S {
    // Filled in place and read before anything else can run: no array per observation.
    const values = this.scratch;
    for (let i = 0; i < this.labelNames.length; i++) {
      const value = labels[this.labelNames[i]!];
      if (value === undefined) throw new Error(`${this.name} needs the label ${this.labelNames[i]}`);
      values[i] = value;
    }
    return this.slotFor(values);
  }

  private readonly scratch: LabelValue[] = [];

  private slotFor(values: readonly LabelValue[]): S {
    const n = this.labelNames.length;
    if (values.length !== n) throw new Error(`${this.name} takes ${n} label values, not ${values.length}`);
    let map = this.root;
    for (let i = 0; i < n - 1; i++) {
      const key = String(values[i]);
      let next = map.get(key) as Map<string, unknown> | undefined;
      if (next === undefined) {
        next = new Map<string, unknown>();
        map.set(key, next);
      }
      map = next;
    }
    const last = n === 0 ? '' : String(values[n - 1]);
    let slot = map.get(last) as S | undefined;
    if (slot === undefined) {
      slot = this.newSlot();
      map.set(last, slot);
      // As given (a status code stays a number), as prom-client keeps them.
      const labels: Record<string, LabelValue> = {};
      this.labelNames.forEach((name, i) => (labels[name] = values[i]!));
      this.slots.push({ labels, slot });
    }
    return slot;
  }

  protected abstract newSlot(): S;
  protected abstract samples(): Sample[];
  /** Zeroes every slot in place, so children held by callers keep counting. */
  abstract reset(): void;

  /** What prom-client's registry formats (it awaits the answer, as prom-client's own metrics give a promise). */
  get(): Promise<{ name: string; help: string; type: string; values: Sample[]; aggregator: string }> {
    // Like prom-client, a metric without labels is exported (at zero) before its first observation.
    if (this.labelNames.length === 0 && this.slots.length === 0) this.child();
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values: this.samples(), aggregator: this.aggregator });
  }
}

export interface CounterSlot {
  inc(value?: number): void;
  readonly value: number;
}

class CounterCell implements CounterSlot {
  value = 0;

  inc(value = 1): void {
    if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`a counter only grows by a finite amount, not ${value}`);
    this.value += value;
  }
}

export class FastCounter<L extends string = never> extends LabelledMetric<L, CounterSlot> {
  readonly type = 'counter';

  inc(labels?: Partial<Record<L, LabelValue>>, value = 1): void {
    (labels === undefined ? this.child() : this.slotOf(labels)).inc(value);
  }

  protected newSlot(): CounterSlot {
    return new CounterCell();
  }

  protected samples(): Sample[] {
    return this.slots.map(({ labels, slot }) => ({ value: slot.value, labels }));
  }

  reset(): void {
    for (const { slot } of this.slots) (slot as CounterCell).value = 0;
  }
}

export interface HistogramSlot {
  observe(value: number): void;
}

class HistogramCell implements HistogramSlot {
  /** Observations per bucket, not cumulative; the last one is above every bound. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new Error(`a histogram observes finite values, not ${value}`);
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

export class FastHistogram<L extends string = never> extends LabelledMetric<L, HistogramSlot> {
  readonly type = 'histogram';
  private readonly bounds: readonly number[];

  constructor(config: MetricConfig<L> & { readonly buckets: readonly number[] }) {
    super(config);
    this.bounds = [...config.buckets].sort((a, b) => a - b);
  }

  /** `observe(value)` without labels, or `observe(labels, value)` as prom-client takes them. */
  observe(labelsOrValue: Partial<Record<L, LabelValue>> | number, value?: number): void {
    if (typeof labelsOrValue === 'number') this.child().observe(labelsOrValue);
    else this.slotOf(labelsOrValue).observe(value ?? NaN);
  }

  protected newSlot(): HistogramSlot {
    return new HistogramCell(this.bounds);
  }

  /** The samples prom-client's histogram exports: cumulative buckets with `le` first, then +Inf, sum and count. */
  protected samples(): Sample[] {
    const out: Sample[] = [];
    for (const { labels, slot } of this.slots) {
      const cell = slot as HistogramCell;
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += cell.counts[i]!;
        out.push({ value: cumulative, labels: { le: bound, ...labels }, metricName: `${this.name}_bucket` });
      });
      out.push({ value: cell.count, labels: { le: '+Inf', ...labels }, metricName: `${this.name}_bucket` });
      out.push({ value: cell.sum, labels, metricName: `${this.name}_sum` });
      out.push({ value: cell.count, labels, metricName: `${this.name}_count` });
    }
    return out;
  }

  reset(): void {
    for (const { slot } of this.slots) {
      const cell = slot as HistogramCell;
      cell.counts.fill(0);
      cell.sum = 0;
      cell.count = 0;
    }
  }
}
