// The WebSocket client of /ws: one shared connection, ref-counted channel subscriptions, auth, reconnects, heartbeats and gap fill.
import { api, ApiError, type ApiClient } from './api.ts';
import type { ChannelMessage, Depth, DepthDelta } from './api-types.ts';

export type { ChannelMessage };

/**
 * Why a subscription should reload its REST state:
 * - `subscribed`: the subscription is confirmed (the first time too), so a load now misses nothing;
 * - `reconnected`: the socket dropped and messages in between are lost;
 * - `gap`: a book delta was missed; a fresh snapshot follows on its own;
 * - `authenticated`: a private channel became active after login or re-authentication.
 */
export type ResyncReason = 'subscribed' | 'reconnected' | 'gap' | 'authenticated';

export interface SubscriptionHandlers<T = unknown> {
  readonly onMessage: (message: ChannelMessage<T>) => void;
  readonly onResync?: (reason: ResyncReason) => void;
  /** The server refused the channel (unknown symbol, not logged in). */
  readonly onError?: (error: ApiError) => void;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting';

type Reply = { type: string; id?: number | string; code?: string; message?: string; details?: unknown; [key: string]: unknown };

interface Channel {
  readonly name: string;
  readonly private: boolean;
  readonly handlers: Set<SubscriptionHandlers>;
  /** Confirmed by the server on the current socket. */
  active: boolean;
  /** Book channels: the seq of the last snapshot or delta applied; undefined until a snapshot arrives. */
  seq: number | undefined;
  /** Set when messages may have been lost; reported with the next confirmation. */
  pendingResync: ResyncReason;
}

const PRIVATE = new Set(['orders', 'fills', 'balances']);
const BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];
const DEFAULT_HEARTBEAT_MS = 15_000;
/** Ops other than subscriptions that the server acknowledges: order entry and ping. */
export type RequestOp = 'place' | 'placeOco' | 'placeBracket' | 'cancel' | 'cancelAll' | 'replace' | 'ping';

/**
 * Connects lazily (on the first subscription) and stays connected while anything is subscribed.
 * Book channels are checked by `seq`/`prevSeq`: a stale delta is dropped, a gap resubscribes for a
 * fresh snapshot. Every subscription hears `onResync` when it is confirmed again after a reconnect,
 * so screens refetch what they show over REST and miss nothing.
 */
export class WsClient {
  private socket: WebSocket | undefined;
  private readonly channels = new Map<string, Channel>();
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: ApiError) => void }>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private nextId = 1;
  private attempt = 0;
  private authenticated = false;
  private everOpened = false;
  private heartbeatMs = DEFAULT_HEARTBEAT_MS;
  private watchdog: number | undefined;
  private retryTimer: number | undefined;
  private stateValue: ConnectionState = 'idle';

  constructor(
    private readonly client: ApiClient,
    private readonly url = defaultUrl(),
  ) {
    client.onTokenChange(() => this.onTokenChange());
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Subscribes to a channel ("ticker:AAPL", "book:AAPL", "candles:AAPL:1m", "orders", ...). Returns the unsubscribe. */
  subscribe<T = unknown>(name: string, handlers: SubscriptionHandlers<T>): () => void {
    let channel = this.channels.get(name);
    const entry = handlers as SubscriptionHandlers;
    if (!channel) {
      channel = { name, private: PRIVATE.has(name), handlers: new Set(), active: false, seq: undefined, pendingResync: 'subscribed' };
      this.channels.set(name, channel);
      this.ensureSocket();
      this.sendSubscribe(channel);
    } else if (channel.active) {
      // A late joiner of a live channel loads now; for the book it needs a snapshot, so everyone gets a fresh one.
      if (name.startsWith('book:')) this.resubscribe(channel, 'subscribed');
      else queueMicrotask(() => entry.onResync?.('subscribed'));
    }
    channel.handlers.add(entry);
    const current = channel;
    return () => {
      current.handlers.delete(entry);
      if (current.handlers.size > 0 || this.channels.get(name) !== current) return;
      this.channels.delete(name);
      if (current.active) void this.request({ op: 'unsubscribe', channels: [name] }).catch(() => undefined);
      if (this.channels.size === 0) this.scheduleIdleClose();
    };
  }

  /** Sends an op that the server answers (`ack`, `pong`); rejects with ApiError on an `error` reply. */
  async send(op: RequestOp, payload: Record<string, unknown> = {}): Promise<Reply> {
    this.ensureSocket();
    await this.whenReady();
    return this.request({ op, ...payload });
  }

  private request(message: Record<string, unknown>): Promise<Reply> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new ApiError(0, 'NETWORK_ERROR', 'The live connection is down; it reconnects on its own.'));
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ ...message, id }));
    });
  }

  private readyWaiters: Array<() => void> = [];
  private whenReady(): Promise<void> {
    if (this.stateValue === 'open') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private ensureSocket(): void {
    window.clearTimeout(this.idleTimer);
    if (this.socket || this.retryTimer !== undefined) return;
    this.connect();
  }

  private idleTimer: number | undefined;
  /** Closes a connection nobody uses any more, after a grace period that covers route changes. */
  private scheduleIdleClose(): void {
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => {
      if (this.channels.size > 0 || this.pending.size > 0) return;
      const socket = this.socket;
      this.socket = undefined;
      socket?.close(1000, 'idle');
      this.setState('idle');
    }, 10_000);
  }

  private connect(): void {
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.authenticated = false;
    socket.onmessage = (event: MessageEvent<string>) => {
      if (this.socket !== socket) return;
      this.resetWatchdog();
      let message: Reply & Partial<ChannelMessage>;
      try {
        message = JSON.parse(event.data) as Reply & Partial<ChannelMessage>;
      } catch {
        return;
      }
      this.receive(message);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.dropConnectionState();
      if (this.channels.size === 0 && this.pending.size === 0) return this.setState('idle');
      this.setState('reconnecting');
      const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 15_000;
      this.attempt++;
      this.retryTimer = window.setTimeout(() => {
        this.retryTimer = undefined;
        this.connect();
      }, base / 2 + Math.random() * base);
    };
  }

  private dropConnectionState(): void {
    window.clearTimeout(this.watchdog);
    this.authenticated = false;
    for (const { reject } of this.pending.values()) reject(new ApiError(0, 'NETWORK_ERROR', 'The live connection dropped before the server answered.'));
    this.pending.clear();
    for (const channel of this.channels.values()) {
      if (channel.active) channel.pendingResync = 'reconnected';
      channel.active = false;
      channel.seq = undefined;
    }
  }

  private receive(message: Reply & Partial<ChannelMessage>): void {
    if (typeof message.channel === 'string') return this.deliver(message as ChannelMessage);
    if (typeof message.id === 'number' && this.pending.has(message.id)) {
      const waiter = this.pending.get(message.id)!;
      this.pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new ApiError(400, message.code ?? 'ERROR', message.message ?? 'The server refused the message.', message.details));
      else waiter.resolve(message);
      return;
    }
    switch (message.type) {
      case 'welcome':
        if (typeof message.heartbeatMs === 'number') this.heartbeatMs = message.heartbeatMs;
        void this.onOpen();
        return;
      case 'error':
        // Unsolicited: the login behind the connection ended or expired, so private channels stopped.
        if (message.code === 'TOKEN_EXPIRED' || message.code === 'UNAUTHENTICATED' || message.code === 'INVALID_TOKEN') void this.recoverAuth();
        return;
      default:
        return; // heartbeat, pong and others keep the watchdog fed and need nothing else.
    }
  }

  private async onOpen(): Promise<void> {
    this.attempt = 0;
    this.everOpened = true;
    await this.authenticate();
    this.setState('open');
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    for (const channel of this.channels.values()) this.sendSubscribe(channel);
  }

  /** Sends the access token if there is one; private channels wait for it. */
  private async authenticate(): Promise<boolean> {
    if (!this.client.hasSession) return (this.authenticated = false);
    if (!this.client.token && !(await this.client.refresh())) return (this.authenticated = false);
    try {
      await this.request({ op: 'auth', token: this.client.token });
      this.authenticated = true;
    } catch {
      this.authenticated = false;
    }
    return this.authenticated;
  }

  private onTokenChange(): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    if (!this.client.token) {
      // Logged out: start over on a fresh connection with no identity.
      if (this.authenticated) this.socket.close(1000, 'logged out');
      return;
    }
    void this.authenticate().then((ok) => {
      if (!ok) return;
      for (const channel of this.channels.values()) {
        if (channel.private && !channel.active) {
          channel.pendingResync = 'authenticated';
          this.sendSubscribe(channel);
        }
      }
    });
  }

  private async recoverAuth(): Promise<void> {
    for (const channel of this.channels.values()) {
      if (channel.private) {
        channel.active = false;
        channel.pendingResync = 'authenticated';
      }
    }
    if (await this.client.refresh()) this.onTokenChange();
  }

  private sendSubscribe(channel: Channel): void {
    if (this.stateValue !== 'open' || channel.active) return;
    if (channel.private && !this.authenticated) return;
    this.request({ op: 'subscribe', channels: [channel.name] }).then(
      () => {
        if (this.channels.get(channel.name) !== channel) return;
        channel.active = true;
        const reason = channel.pendingResync;
        channel.pendingResync = 'subscribed';
        for (const handlers of channel.handlers) handlers.onResync?.(reason);
      },
      (error: ApiError) => {
        if (error.code === 'NETWORK_ERROR') return;
        for (const handlers of channel.handlers) handlers.onError?.(error);
      },
    );
  }

  /** Unsubscribes and subscribes again: the server then sends a fresh book snapshot. */
  private resubscribe(channel: Channel, reason: ResyncReason): void {
    if (!channel.active) return;
    channel.active = false;
    channel.seq = undefined;
    channel.pendingResync = reason;
    void this.request({ op: 'unsubscribe', channels: [channel.name] })
      .catch(() => undefined)
      .then(() => this.sendSubscribe(channel));
  }

  private deliver(message: ChannelMessage): void {
    const channel = this.channels.get(message.channel);
    if (!channel) return;
    if (message.type === 'snapshot') {
      channel.seq = (message.data as Depth).seq;
    } else if (message.type === 'delta') {
      const delta = message.data as DepthDelta;
      // Before its snapshot, or already included in it: skip.
      if (channel.seq === undefined || delta.seq <= channel.seq) return;
      if (delta.prevSeq !== channel.seq) {
        this.resubscribe(channel, 'gap');
        return;
      }
      channel.seq = delta.seq;
    }
    for (const handlers of channel.handlers) handlers.onMessage(message);
  }

  /** A connection that hears nothing (not even the server's heartbeat) for 2.5 beats is dead: reconnect. */
  private resetWatchdog(): void {
    window.clearTimeout(this.watchdog);
    const socket = this.socket;
    this.watchdog = window.setTimeout(() => {
      if (this.socket === socket) socket?.close(4000, 'heartbeat timeout');
      // close() may take long on a dead link; treat it as closed now.
      if (socket && this.socket === socket) socket.onclose?.(new CloseEvent('close'));
    }, this.heartbeatMs * 2.5);
  }

  private setState(state: ConnectionState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws`;
}

/** The one live connection of the dashboard. */
export const ws = new WsClient(api);
