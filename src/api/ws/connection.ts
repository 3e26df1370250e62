// One WebSocket client: bounded sending, its subscriptions, and its authenticated principal.
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/principal.ts';
import type { ApiMetrics } from '../metrics.ts';

/** WebSocket close codes we use (4000-4999 are free for applications). */
export const CLOSE = { slowConsumer: 4008, policy: 1008, shutdown: 1001, tooBig: 1009 } as const;

/** The longest delay setTimeout keeps; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Connection {
  principal: Principal | undefined;
  /** What the principal was proven with; checked again before trading, so an ended login or revoked key stops at once. */
  credentials: Record<string, string | undefined> | undefined;
  /** Channel name -> how to stop receiving it. */
  readonly subscriptions = new Map<string, () => void>();
  alive = true;
  private closed = false;
  private corked = false;
  private expiry: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    /** The client's address behind trusted proxies: whose budget its failed sign-ins spend. */
    readonly address: string,
    private readonly maxBufferedBytes: number,
    private readonly metrics: ApiMetrics,
    /** The TCP stream under the socket: frames sent in one turn of the event loop leave in one write. */
    private readonly transport?: { cork(): void; uncork(): void },
  ) {}

  /**
   * Sends unless the client has fallen too far behind: then the connection is closed with a reason
   * instead of buffering without bound. A slow reader can resubscribe and resync from a snapshot.
   */
  send(text: string | Buffer): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.metrics.wsDropped.inc();
      this.close(CLOSE.slowConsumer, 'slow consumer: send buffer full');
      return;
    }
    if (this.transport && !this.corked) {
      this.corked = true;
      this.transport.cork();
      process.nextTick(this.uncork);
    }
    // A Buffer (one encoding shared by every reader of a channel) still goes out as a text frame.
    this.socket.send(text, { binary: false });
    this.metrics.wsOut.inc();
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.transport?.uncork();
  };

  sendJson(value: unknown): void {
    this.send(JSON.stringify(value));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.expireAt(undefined);
    this.dropSubscriptions();
    this.socket.close(code, reason);
    // A peer that never completes the closing handshake is cut off.
    setTimeout(() => this.socket.terminate(), 2_000).unref();
  }

  /**
   * Calls `expired` at `at` (epoch ms), in place of any earlier call pending; `at` undefined only
   * cancels. A delay past what a timer holds (about 24.8 days) fires early, so `expired` checks.
   */
  expireAt(at: number | undefined, expired?: () => void): void {
    clearTimeout(this.expiry);
    this.expiry = undefined;
    if (at === undefined || !expired || this.closed) return;
    this.expiry = setTimeout(expired, Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS));
    this.expiry.unref();
  }

  dropSubscriptions(): void {
    for (const stop of this.subscriptions.values()) stop();
    this.subscriptions.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
