// Collects the events of one command and numbers them with the engine's gap-free sequence.
import type { EngineEvent } from '../core/events.ts';

export class EventLog {
  /** Sequence number of the last event emitted. */
  seq = 0;
  /** Time of the command being applied. */
  ts = 0;
  /** The current command's events; a new array for every command, since the caller keeps it. */
  private out: EngineEvent[] = [];
  private count = 0;
  /**
   * While replaying a journal nobody reads the events: the hot emitters skip building them and
   * only advance `seq`, and the rest are dropped, so the state and numbering stay exactly as in
   * normal operation.
   */
  quiet = false;

  /** Reserves the next sequence number; call it while building the event so numbers stay in emit order. */
  next(): number {
    return ++this.seq;
  }

  /** In quiet mode, counts the event the caller would have built and returns true: skip building it. */
  skip(): boolean {
    if (!this.quiet) return false;
    this.seq++;
    return true;
  }

  push(event: EngineEvent): void {
    if (!this.quiet) this.out[this.count++] = event;
  }

  /** Hands over the events collected so far and starts a new batch. */
  drain(): EngineEvent[] {
    const events = this.out;
    this.out = [];
    this.count = 0;
    return events;
  }
}
