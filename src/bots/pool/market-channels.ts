// Inside a worker: one host subscription per symbol (and bar interval) shared by every bot of the thread, each event handed to every bot that joined.
//
// Invariants:
// - a channel is open on the host exactly while at least one bot has joined it;
// - a channel's events reach its members in the order the host sent them, each member once per
//   join, so a bot sees the same events in the same order as over a subscription of its own.
import type { MarketEvent } from '../../strategy/index.ts';

type Deliver = (event: MarketEvent) => void;

/** Opens the host side of a channel with the worker's fan-out as its listener; returns how to close it. */
export type Watch = (symbol: string, interval: string | null, fanOut: Deliver) => () => void;

interface Channel {
  /** One entry per join, so a bot that joins twice hears twice, as with two subscriptions. */
  readonly members: Set<{ readonly deliver: Deliver }>;
  readonly close: () => void;
}

export class MarketChannels {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly watch: Watch) {}

  /** Joins the channel of `symbol` (`interval` null: its trades and quotes; else its bars at `interval`); returns how to leave. */
  join(symbol: string, interval: string | null, deliver: Deliver): () => void {
    const key = interval === null ? symbol : `${symbol}\u0000${interval}`;
    let channel = this.channels.get(key);
    if (!channel) {
      const members = new Set<{ readonly deliver: Deliver }>();
      channel = {
        members,
        close: this.watch(symbol, interval, (event) => {
          for (const member of members) member.deliver(event);
        }),
      };
      this.channels.set(key, channel);
    }
    const member = { deliver };
    const joined = channel;
    joined.members.add(member);
    return () => {
      if (!joined.members.delete(member) || joined.members.size > 0) return;
      this.channels.delete(key);
      joined.close();
    };
  }

  /** Channels open now (for tests). */
  get size(): number {
    return this.channels.size;
  }
}
