// In-process publish/subscribe by topic: how committed events reach feeds, sockets and metrics.

export type Listener<T> = (message: T) => void;

/**
 * Delivery is synchronous and in publish order, so a subscriber sees a topic's messages exactly
 * in commit order. A listener that throws is reported to `onError` and the others still run.
 */
export class EventBus<T> {
  private readonly listeners = new Map<string, Set<Listener<T>>>();

  constructor(private readonly onError: (topic: string, error: unknown) => void = () => undefined) {}

  subscribe(topic: string, listener: Listener<T>): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic);
    };
  }

  publish(topic: string, message: T): void {
    const set = this.listeners.get(topic);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(message);
      } catch (error) {
        this.onError(topic, error);
      }
    }
  }

  hasListeners(topic: string): boolean {
    return this.listeners.has(topic);
  }

  listenerCount(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
}
