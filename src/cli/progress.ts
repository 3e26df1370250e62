// Progress on stderr for long CLI jobs: a redrawn bar with an ETA on a terminal, periodic plain lines otherwise.
import { formatDuration } from '../core/figures.ts';

/** What a progress counts, named in its plain lines ("40.0% of 10 runs"): bytes are shown in KiB, MiB or GiB. */
export type ProgressUnit = 'bytes' | 'rows' | 'runs';

export interface ProgressOptions {
  readonly unit: ProgressUnit;
  /** The stream to write to; default process.stderr. */
  readonly stream?: NodeJS.WriteStream;
  /** Clock in ms; default Date.now. */
  readonly now?: () => number;
  /** Milliseconds between plain lines when the stream is not a terminal. Default 5,000. */
  readonly plainEveryMs?: number;
}

const BAR_WIDTH = 30;
/** A terminal is redrawn at most this often, so progress costs nothing next to the work. */
const REDRAW_MS = 100;

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly now: () => number;
  private readonly started: number;
  private readonly tty: boolean;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly options: ProgressOptions,
  ) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.tty = this.stream.isTTY === true;
  }

  /** Reports `done` of the total; `note` (such as a row count) is shown beside it. */
  update(done: number, note = ''): void {
    const now = this.now();
    if (now - this.lastDraw < (this.tty ? REDRAW_MS : (this.options.plainEveryMs ?? 5_000))) return;
    // The first plain line waits one period: short jobs print nothing but their summary.
    if (!this.tty && this.lastDraw === -Infinity) {
      this.lastDraw = now;
      return;
    }
    this.lastDraw = now;
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 0;
    const elapsed = now - this.started;
    const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : undefined;
    const percent = `${(fraction * 100).toFixed(1)}%`;
    const etaText = eta === undefined ? 'ETA --' : `ETA ${formatDuration(eta)}`;
    if (this.tty) {
      const filled = Math.round(fraction * BAR_WIDTH);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent.padStart(6)} ${etaText}${note ? `  ${note}` : ''}\x1b[K`);
      this.drawn = true;
    } else {
      this.stream.write(`${this.label}: ${percent} of ${amount(this.total, this.options.unit)}, ${etaText}${note ? `, ${note}` : ''}\n`);
    }
  }

  /** Clears the bar so the summary starts on a clean line. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

function amount(value: number, unit: ProgressUnit): string {
  if (unit !== 'bytes') return `${value.toLocaleString('en-US')} ${unit}`;
  if (value >= 1024 ** 3) return `${(value / 1024 ** 3).toFixed(1)} GiB`;
  if (value >= 1024 ** 2) return `${(value / 1024 ** 2).toFixed(1)} MiB`;
  return `${(value / 1024).toFixed(1)} KiB`;
}
