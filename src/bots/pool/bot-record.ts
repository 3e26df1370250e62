// What the pool keeps per bot, and how that becomes a BotStatus.
import { formatFixed, toFixed } from '../../strategy/exact.ts';
import type { ClockPort } from '../../strategy/index.ts';
import { Backoff } from './backoff.ts';
import { OrderCount } from './order-count.ts';
import type { RunReport } from './protocol.ts';
import type { Slot } from './slot.ts';
import type { BackoffOptions, BotError, BotPnl, BotPorts, BotSpec, BotState, BotStatus } from './types.ts';

export class BotRecord {
  readonly count: OrderCount;
  readonly backoff: Backoff;
  /** The factory's ports with placements counted; made on the first start and kept for every run. */
  ports: BotPorts | undefined;
  /** Whether the bot should be running: start sets it, stop clears it; restarts happen only while set. */
  wanted = false;
  state: BotState = 'stopped';
  /** The slot the bot holds while wanted (running or waiting to restart); undefined otherwise. */
  slot: Slot | undefined;
  /** The current run's number; undefined between runs. */
  run: number | undefined;
  startedAt: number | undefined;
  restarts = 0;
  errors = 0;
  lastError: BotError | null = null;
  cancelRestart: (() => void) | undefined;
  nextRestartAt: number | null = null;
  /** The last report seen of the current run, or the final one of the last run. */
  lastReport: RunReport | undefined;
  removed = false;

  constructor(
    readonly spec: BotSpec,
    clock: ClockPort,
    rateWindowMs: number,
    backoff: BackoffOptions | undefined,
  ) {
    this.count = new OrderCount(clock, rateWindowMs);
    this.backoff = new Backoff(backoff);
  }

  /** The freshest report: live from the slot while a run is on, else the last one kept. */
  report(): RunReport | undefined {
    const live = this.run !== undefined ? this.slot?.report(this.run) : undefined;
    if (live) this.lastReport = live;
    return this.lastReport;
  }

  status(): BotStatus {
    const report = this.report();
    return {
      id: this.spec.id,
      strategy: this.spec.strategy,
      symbols: this.spec.symbols ?? [],
      state: this.state,
      worker: this.slot ? this.slot.index : null,
      heartbeat: report?.status.lastHeartbeat ?? null,
      ordersSent: this.count.sent,
      refusals: { count: this.count.refused, last: this.count.lastRefusal },
      // A bot that is not running sends nothing now, whatever the window still holds from its last run.
      ordersPerSecond: this.state === 'running' ? this.count.perSecond() : 0,
      errors: { count: this.errors, last: this.lastError },
      restarts: this.restarts,
      nextRestartAt: this.nextRestartAt,
      pnl: report ? pnlOf(report) : null,
    };
  }
}

function pnlOf({ pnl }: RunReport): BotPnl {
  const total = toFixed(pnl.realized) + toFixed(pnl.unrealized) - toFixed(pnl.fees);
  return { ...pnl, total: formatFixed(total) };
}
