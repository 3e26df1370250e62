// Counting per caller in fixed windows: a caller's window opens with its first count and lasts a set time.

/** A caller's window: `hit` and `peek` answer with it, updated in place, so counting allocates nothing. */
interface Window {
  count: number;
  startedAt: number;
  resetMs: number;
}

export interface WindowCount {
  /** What has been counted in the caller's current window (0 when none is open). */
  readonly count: number;
  /** Milliseconds until the window closes and the count starts over (0 when none is open). */
  readonly resetMs: number;
}

const NONE: WindowCount = { count: 0, resetMs: 0 };

/**
 * Counts per key in fixed windows of `windowMs`. At most `maxKeys` windows are remembered: when
 * full, closed windows are forgotten first, then the ones that opened longest ago, so memory stays
 * bounded however many callers come.
 */
export class FixedWindows {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 5_000,
  ) {}

  /**
   * Counts one more for `key` and returns the window's count with it. The answer is the window
   * itself, not a copy: read it at once, as the next call for the same key changes it.
   */
  hit(key: string): WindowCount {
    const at = this.now();
    let window = this.windows.get(key);
    if (window === undefined) window = this.open(key, at);
    else if (at - window.startedAt >= this.windowMs) {
      window.count = 0;
      window.startedAt = at;
      // To the back: the map stays in the order the windows opened, which is what `open` evicts by.
      this.windows.delete(key);
      this.windows.set(key, window);
    }
    window.count++;
    window.resetMs = window.startedAt + this.windowMs - at;
    return window;
  }

  /** The count of `key`'s open window, without counting; like `hit`'s, the answer is read at once. */
  peek(key: string): WindowCount {
    const window = this.windows.get(key);
    const at = this.now();
    if (window === undefined || at - window.startedAt >= this.windowMs) return NONE;
    window.resetMs = window.startedAt + this.windowMs - at;
    return window;
  }

  /** Forgets `key`'s window: its next count opens a new one. */
  clear(key: string): void {
    this.windows.delete(key);
  }

  private open(key: string, at: number): Window {
    if (this.windows.size >= this.maxKeys) {
      for (const [old, window] of this.windows) if (at - window.startedAt >= this.windowMs) this.windows.delete(old);
      for (const old of this.windows.keys()) {
        if (this.windows.size < this.maxKeys) break;
        this.windows.delete(old);
      }
    }
    const window = { count: 0, startedAt: at, resetMs: this.windowMs };
    this.windows.set(key, window);
    return window;
  }
}
