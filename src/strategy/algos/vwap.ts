// VWAP: slices sized by a volume profile, given as weights per slice or learned from the same window of past periods' bars.
import { INTERVAL_MS } from '../trade-bars.ts';
import { problem } from './base.ts';
import { SlicedAlgo, type SliceOptions } from './sliced.ts';
import type { ParamProblem } from './types.ts';

/** Learns the profile from ctx.history: the volume each slice's window traded in each of the last `periods` periods. */
export interface LearnedProfile {
  /** Bar interval to read, e.g. '1m' (the strategy must receive it: list it in `bars`). */
  readonly interval: string;
  /** How many past periods to add up. */
  readonly periods: number;
  /** Length of a period (default a day): the window that far back stands for today's. */
  readonly periodMs?: number;
}

export interface VwapOptions extends SliceOptions {
  /** One weight per slice, or how to learn them; when the history has no volume there, slices are equal. */
  readonly profile: readonly number[] | LearnedProfile;
}

const DAY_MS = 86_400_000;

export class Vwap extends SlicedAlgo<VwapOptions> {
  readonly kind = 'vwap';
  private used: readonly number[] = [];

  /** The weights the schedule was made from (before any size jitter). */
  profile(): readonly number[] {
    return this.used;
  }

  protected override validateMore(): ParamProblem | undefined {
    const { profile, slices } = this.params;
    if (isWeights(profile)) {
      if (profile.length !== slices) return problem('profile', `profile has ${profile.length} weights for ${slices} slices`);
      const bad = profile.findIndex((w) => !(Number.isFinite(w) && w >= 0));
      if (bad >= 0) return problem(`profile.${bad}`, 'profile weights must be non-negative numbers');
      const unbounded = unboundedProfile(profile);
      if (unbounded) return problem('profile', unbounded);
      // All zero would give no volume shape at all; a learned profile falls back to equal slices, a given one is a mistake.
      if (!profile.some((w) => w > 0)) return problem('profile', 'profile needs at least one positive weight');
      return undefined;
    }
    if (INTERVAL_MS[profile.interval] === undefined) return problem('profile.interval', `unknown bar interval ${profile.interval}`);
    if (!Number.isSafeInteger(profile.periods) || profile.periods < 1) return problem('profile.periods', `profile.periods must be a whole number of at least 1, got ${profile.periods}`);
    if (profile.periodMs !== undefined && !(Number.isSafeInteger(profile.periodMs) && profile.periodMs >= this.params.durationMs)) return problem('profile.periodMs', 'profile.periodMs must be a whole number no shorter than durationMs');
    return undefined;
  }

  protected weights(start: number, interval: number): number[] {
    const { profile, slices, durationMs, symbol } = this.params;
    const weights = isWeights(profile) ? [...profile] : new Array<number>(slices).fill(0);
    if (!isWeights(profile)) {
      const barMs = INTERVAL_MS[profile.interval]!;
      const periodMs = profile.periodMs ?? DAY_MS;
      const bars = this.ctx.history(symbol, profile.interval, Math.ceil((profile.periods * periodMs) / barMs) + 1);
      for (const bar of bars) {
        for (let back = 1; back <= profile.periods; back++) {
          const offset = bar.openTime - (start - back * periodMs);
          if (offset >= 0 && offset < durationMs) weights[Math.min(slices - 1, Math.floor(offset / interval))]! += bar.volume;
        }
      }
    }
    this.used = weights;
    return weights;
  }
}

function isWeights(profile: VwapOptions['profile']): profile is readonly number[] {
  return Array.isArray(profile);
}

/** Why weights that each are finite cannot size slices: their sum is not (1e308 twice is Infinity); undefined when it is finite. */
export function unboundedProfile(weights: readonly number[]): string | undefined {
  return Number.isFinite(weights.reduce((sum, weight) => sum + weight, 0)) ? undefined : 'profile weights must add up to a finite number: scale them down';
}
