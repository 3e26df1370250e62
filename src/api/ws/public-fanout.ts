// Public channels fan out through one bus subscription per channel; each message is serialized once for all its readers.
import type { EventBus } from '../../platform/event-bus.ts';
import type { FeedMessage } from '../../platform/feed-messages.ts';
import type { Formatter } from '../views.ts';
import { renderPublic } from './channels.ts';
import type { Connection } from './connection.ts';

interface ChannelReaders {
  readonly readers: Set<Connection>;
  stop: () => void;
  /** Messages published in the current turn, sent together when it ends. */
  pending: FeedMessage[];
}

export class PublicFanout {
  private readonly channels = new Map<string, ChannelReaders>();

  constructor(
    private readonly bus: EventBus<FeedMessage>,
    private readonly format: Formatter,
  ) {}

  /** Adds a reader; returns how to remove it. The bus subscription lives while the channel has readers. */
  add(channel: string, topic: string, connection: Connection): () => void {
    let entry = this.channels.get(channel);
    if (!entry) {
      const created: ChannelReaders = { readers: new Set<Connection>(), stop: () => undefined, pending: [] };
      // A commit publishes all its messages synchronously; the microtask sends them once it is done.
      const flush = (): void => {
        const messages = created.pending;
        created.pending = [];
        for (const text of renderPublic(this.format, channel, messages)) {
          const encoded = Buffer.from(text);
          for (const reader of created.readers) reader.send(encoded);
        }
      };
      created.stop = this.bus.subscribe(topic, (message) => {
        if (created.pending.push(message) === 1) queueMicrotask(flush);
      });
      entry = created;
      this.channels.set(channel, entry);
    }
    const current = entry;
    current.readers.add(connection);
    return () => {
      current.readers.delete(connection);
      if (current.readers.size === 0 && this.channels.get(channel) === current) {
        current.stop();
        this.channels.delete(channel);
      }
    };
  }

  readerCount(channel: string): number {
    return this.channels.get(channel)?.readers.size ?? 0;
  }
}
