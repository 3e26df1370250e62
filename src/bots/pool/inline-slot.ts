// The inline slot: bots run on the calling thread over the host's ports directly, on an injected clock.
//
// Used for deterministic simulations and tests: with a simulated clock and venue, the same seeds
// give the same orders, and a bot's failure is still isolated by its runner.
import type { ClockPort } from '../../strategy/index.ts';
import { buildRunner, errorText, runReport, type BotRunner } from './build-runner.ts';
import type { RunReport } from './protocol.ts';
import type { Slot, SlotEvents } from './slot.ts';
import type { BotPorts, BotSpec } from './types.ts';

export class InlineSlot implements Slot {
  readonly index = 0;
  readonly threadId = null;
  private readonly runners = new Map<number, BotRunner>();
  /** Runs being built; a stop meanwhile removes the run here, and it is then never started. */
  private readonly building = new Set<number>();

  constructor(
    private readonly clock: ClockPort,
    private readonly events: SlotEvents,
  ) {}

  async start(run: number, bot: BotSpec, ports: BotPorts): Promise<void> {
    this.building.add(run);
    let runner: BotRunner;
    try {
      runner = await buildRunner(bot, {
        ports,
        clock: this.clock,
        log: (entry) => this.events.log(run, entry),
        onError: (error, info) => this.events.failed(run, errorText(error), info.during),
      });
    } catch (error) {
      // Stopped while being built: nobody waits for the verdict any more.
      if (!this.building.delete(run)) return;
      throw error;
    }
    if (!this.building.delete(run)) return;
    this.runners.set(run, runner);
    await runner.start();
  }

  async stop(run: number): Promise<void> {
    this.building.delete(run);
    const runner = this.runners.get(run);
    if (!runner) return;
    await runner.stop();
    this.runners.delete(run);
  }

  drop(run: number): void {
    this.building.delete(run);
    const runner = this.runners.get(run);
    this.runners.delete(run);
    // stop() closes the queue and timers at once; it only waits for a handler still in flight.
    void runner?.stop();
  }

  report(run: number): RunReport | undefined {
    const runner = this.runners.get(run);
    return runner && runReport(run, runner);
  }

  silentFor(): number {
    return 0;
  }

  kill(): void {}

  async close(): Promise<void> {
    const runners = [...this.runners.values()];
    this.runners.clear();
    await Promise.all(runners.map((runner) => runner.stop()));
  }
}
