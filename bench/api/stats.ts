// Latency statistics for the API benchmark: percentiles over recorded samples.

export class Latencies {
  private readonly samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ms = (n: number): string => `${n.toFixed(2)} ms`;
export const now = (): number => performance.now();
export const sleep = (delay: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delay));
