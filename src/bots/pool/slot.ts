// A slot is where bots run: the calling thread (inline) or one worker thread. The pool drives both through this interface.
import type { LogEntry } from '../../strategy/index.ts';
import type { RunReport } from './protocol.ts';
import type { BotPorts, BotSpec } from './types.ts';

/** What a slot tells the pool, each about one run (a run is one start of one bot). */
export interface SlotEvents {
  /** The strategy failed and its runner stopped itself; the pool decides about a restart. */
  failed(run: number, error: string, during: string): void;
  log(run: number, entry: LogEntry): void;
  /** The slot's thread died; every run on it is gone. Never called for a slot being closed. */
  died(slot: Slot, reason: string): void;
}

export interface Slot {
  readonly index: number;
  /** The worker thread's id; null inline. */
  readonly threadId: number | null;
  /**
   * Builds the bot's runner over `ports` and starts it. Resolves once the runner's start() has
   * (a failed start is reported through `failed` first). Rejects with BotBuildError when the bot
   * cannot be built, and with SlotGoneError when the slot dies meanwhile.
   */
  start(run: number, bot: BotSpec, ports: BotPorts): Promise<void>;
  /** Stops the run gracefully (the handler in flight finishes, onStop runs); resolves when done or the slot is gone. */
  stop(run: number): Promise<void>;
  /** Forgets the run at once: its subscriptions close and its calls are refused. */
  drop(run: number): void;
  /** The run's latest report, if any. */
  report(run: number): RunReport | undefined;
  /** Milliseconds since the slot last showed it is alive (0 inline). */
  silentFor(now: number): number;
  /** Kills the slot's thread; `died` follows. Inline, does nothing. */
  kill(reason: string): void;
  /** Stops hosting: drops every run and ends the thread, without `died`. */
  close(): Promise<void>;
}

export class SlotGoneError extends Error {
  constructor(reason: string) {
    super(`worker gone: ${reason}`);
    this.name = 'SlotGoneError';
  }
}
