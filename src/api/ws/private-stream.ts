// One connection's private channels (orders, fills, balances) over one subscription to its account's events, so their messages keep the engine's order.
import type { EngineEvent } from '../../core/events.ts';
import type { Formatter } from '../views.ts';
import { privateMessage, type PrivateChannel } from './private-messages.ts';

/** Per event, the channels in the order their messages go out: a fill before the `filled` it ends its order with. */
const SEND_ORDER: readonly PrivateChannel[] = ['fills', 'orders', 'balances'];

/**
 * A subscription per channel would send a batch's order updates before its fills (or the other way
 * round, by subscription order): a client would see an order `filled` before the fill that filled
 * it. One subscription for all of them sends each event's messages in turn, as the engine emitted
 * the events.
 */
export class PrivateStream {
  private readonly channels = new Set<PrivateChannel>();
  private stop: (() => void) | undefined;

  /** `subscribe`: to an account's events, delivered in batches; returns how to stop. */
  constructor(
    private readonly format: Formatter,
    private readonly subscribe: (accountId: number, deliver: (events: readonly EngineEvent[]) => void) => () => void,
    private readonly send: (frame: object) => void,
  ) {}

  /** Adds a channel of `accountId`, the account of every channel the stream carries; returns how to remove it. */
  add(accountId: number, channel: PrivateChannel): () => void {
    if (this.channels.size === 0) this.stop = this.subscribe(accountId, (events) => this.deliver(events));
    this.channels.add(channel);
    return () => this.remove(channel);
  }

  private remove(channel: PrivateChannel): void {
    if (!this.channels.delete(channel) || this.channels.size > 0) return;
    this.stop?.();
    this.stop = undefined;
  }

  private deliver(events: readonly EngineEvent[]): void {
    for (const event of events) {
      for (const channel of SEND_ORDER) {
        if (!this.channels.has(channel)) continue;
        const frame = privateMessage(this.format, event, channel);
        if (frame) this.send(frame);
      }
    }
  }
}
