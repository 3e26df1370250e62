// The WebSocket endpoint (/ws): JSON messages to authenticate, subscribe, unsubscribe and enter orders, plus heartbeats.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EngineEvent } from '../../core/events.ts';
import { topics } from '../../platform/topics.ts';
import { invalidKeyError } from '../auth/api-key-service.ts';
import { AccountDisabledError, sessionEndedError } from '../auth/auth-service.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiContext } from '../context.ts';
import { echo } from '../echo.ts';
import { ApiError } from '../errors.ts';
import { inexactNumbersRefusal } from '../exact-json.ts';
import { fieldRefusal } from '../field-refusal.ts';
import { KEY_ID_HEADER, KEY_SECRET_HEADER, principalOf, resolvePrincipal } from '../http/authenticate.ts';
import { writeRawError } from '../http/framework-errors.ts';
import { addressKey } from '../request-limit.ts';
import { depthView } from '../views.ts';
import { parseChannel, type Channel, PRIVATE_CHANNELS } from './channels.ts';
import { CLOSE, Connection } from './connection.ts';
import { Inbox } from './inbox.ts';
import { messageFieldsRefusal, WS_OPS } from './message-fields.ts';
import { socketWithMessageLimit } from './message-limit.ts';
import { handleOrderEntry, isPlacement, ORDER_OPS, type OrderOp } from './order-entry.ts';
import type { PrivateChannel } from './private-messages.ts';
import { PrivateStream } from './private-stream.ts';
import { PublicFanout } from './public-fanout.ts';

export const WS_PATH = '/ws';

export interface GatewayOptions {
  /** Bytes a client may have queued before it is closed as a slow consumer. */
  readonly maxBufferedBytes: number;
  readonly heartbeatMs: number;
  readonly maxMessageBytes: number;
  /** The caller's address behind trusted proxies, as REST reads it: failed sign-ins spend its request budget. */
  readonly clientAddress: (request: IncomingMessage) => string;
  readonly logger: { error(details: object, message: string): void };
}

type ClientMessage = { op?: unknown; id?: unknown; [key: string]: unknown };

/** The answer to a message that is no JSON object (binary, not JSON, an array, ...): it has no id to echo. */
const NOT_A_JSON_OBJECT = { type: 'error', code: 'INVALID_REQUEST', message: 'Send one JSON object per message, such as {"op":"subscribe","channels":["trades:AAPL"]}.', details: null } as const;

/**
 * Every reply to a client message echoes its `id`. Errors use the REST error shape with
 * `type: "error"`. Public data needs no login; private channels and order entry need
 * `{op: "auth", token}` (or API-key headers on the upgrade request) first. A connection's messages
 * take effect one after another in arrival order (see Inbox and `enter`).
 */
export class WsGateway {
  private readonly wss: WebSocketServer;
  private readonly fanout: PublicFanout;
  private readonly connections = new Set<Connection>();
  /** Each connection's private channels, one account subscription for all of them. */
  private readonly privateStreams = new WeakMap<Connection, PrivateStream>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopSignOuts: ReadonlyArray<() => void>;

  constructor(
    private readonly ctx: ApiContext,
    server: Server,
    private readonly options: GatewayOptions,
  ) {
    this.fanout = new PublicFanout(ctx.exchange.bus, ctx.format);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false, WebSocket: socketWithMessageLimit(options.maxMessageBytes) });
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
    // Sign-out is pushed, not polled per event: logout, a password change, a reused refresh token and
    // a key revocation call these synchronously before they return, and the bus delivers
    // synchronously, so no private event reaches a connection on those credentials after the REST
    // answer. A check before each event would cost a secret hash per event for a key, and could not
    // answer in the same turn for a revoked key (its cached copy is gone). An access token's expiry
    // is a timer per connection (watchExpiry).
    this.stopSignOuts = [
      ctx.auth.onSessionEnded((sessionId) => this.signOutWhere((principal) => principal.sessionId === sessionId, sessionEndedError())),
      ctx.keys.onRevoked((keyId) => this.signOutWhere((principal) => principal.keyId === keyId, invalidKeyError())),
      ctx.auth.onUserDisabled((userId) => this.closeUser(userId)),
    ];
  }

  get clientCount(): number {
    return this.connections.size;
  }

  /** Closes every connection with a going-away code. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const stop of this.stopSignOuts) stop();
    for (const connection of this.connections) connection.close(CLOSE.shutdown, 'server shutting down');
    this.wss.close();
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '').split('?')[0];
    if (path !== WS_PATH) {
      writeRawError(socket, new ApiError('NOT_FOUND', `No WebSocket endpoint at ${path}; connect to ${WS_PATH}.`));
      return;
    }
    const address = this.options.clientAddress(request);
    resolvePrincipal(request.headers, this.ctx.auth, this.ctx.keys).then(
      (principal) => this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, principal, principal && credentialsOf(request.headers), socket, address)),
      (error: unknown) => {
        if (!(error instanceof ApiError)) this.options.logger.error({ err: error }, 'websocket upgrade failed');
        const refusal = error instanceof ApiError ? this.spendOnFailure(address, error) : new ApiError('INTERNAL');
        const retryAfter = (refusal.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        writeRawError(socket, refusal, retryAfter === undefined ? {} : { 'Retry-After': retryAfter });
      },
    );
  }

  private accept(ws: WebSocket, principal: Awaited<ReturnType<typeof principalOf>>, credentials: Connection['credentials'], transport: Duplex, address: string): void {
    const connection = new Connection(ws, address, this.options.maxBufferedBytes, this.ctx.metrics, transport);
    connection.principal = principal;
    connection.credentials = credentials;
    this.connections.add(connection);
    this.ctx.metrics.wsClients.set(this.connections.size);
    ws.on('pong', () => (connection.alive = true));
    const inbox = new Inbox((text) => this.receive(connection, text), this.options.maxBufferedBytes, () => this.flooded(connection));
    ws.on('message', (data, isBinary) => {
      this.ctx.metrics.wsIn.inc();
      inbox.push(isBinary ? undefined : rawText(data));
    });
    ws.on('error', () => connection.close(CLOSE.policy, 'protocol error'));
    ws.on('close', () => {
      inbox.stop();
      connection.expireAt(undefined);
      connection.dropSubscriptions();
      this.connections.delete(connection);
      this.ctx.metrics.wsClients.set(this.connections.size);
    });
    connection.sendJson({ type: 'welcome', authenticated: principal !== undefined, heartbeatMs: this.options.heartbeatMs });
    this.watchExpiry(connection);
  }

  /**
   * Signs the connection out when the access token it signed in with expires, telling it with a
   * TOKEN_EXPIRED error message (no id), as the credentials are checked again then. An API key has
   * no expiry; a new sign-in or a sign-out replaces or cancels the timer, and so does the close.
   */
  private watchExpiry(connection: Connection): void {
    connection.expireAt(connection.principal?.expiresAt, () => {
      Promise.resolve()
        .then(() => this.currentPrincipal(connection))
        // Still signed in: the timer fired early (a very long lifetime) or a new sign-in replaced the token.
        .then(() => this.watchExpiry(connection))
        .catch((error: unknown) => sendError(connection, error instanceof ApiError ? error : new ApiError('INTERNAL')));
    });
  }

  /** Pings every client; one that did not answer the previous ping is gone and is cut off. */
  private beat(): void {
    const ts = Date.now();
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      connection.sendJson({ type: 'heartbeat', ts });
      // Private streams stop soon after their login ends or their key is revoked.
      if (PRIVATE_CHANNELS.some((name) => connection.subscriptions.has(name))) {
        Promise.resolve()
          .then(() => this.currentPrincipal(connection))
          .catch((error: unknown) => sendError(connection, error instanceof ApiError ? error : new ApiError('INTERNAL')));
      }
    }
  }

  /**
   * The connection's principal, proven again from its credentials (cheap: verified tokens and keys
   * are cached, and then the answer is synchronous). Fails as REST would once the login ended, the
   * token expired or the key was revoked; the connection is then signed out of its private channels
   * and must authenticate again.
   */
  private currentPrincipal(connection: Connection): Principal | undefined | Promise<Principal | undefined> {
    const credentials = connection.credentials;
    if (!credentials) return connection.principal;
    // A key's principal is the proof of its secret: while the key stands, the secret needs no hashing again.
    const known = connection.principal;
    if (known?.keyId !== undefined && this.ctx.keys.stillValid(known)) return known;
    let found: ReturnType<typeof principalOf>;
    try {
      found = principalOf(credentials, this.ctx.auth, this.ctx.keys);
    } catch (error) {
      throw this.signedOut(connection, credentials, error);
    }
    if (found instanceof Promise) {
      return found.then(
        (principal) => this.proven(connection, credentials, principal),
        (error: unknown) => {
          throw this.signedOut(connection, credentials, error);
        },
      );
    }
    return this.proven(connection, credentials, found);
  }

  private proven(connection: Connection, credentials: Connection['credentials'], principal: Principal | undefined): Principal | undefined {
    if (connection.credentials === credentials) connection.principal = principal;
    return principal;
  }

  /** Signs out, at once, every connection whose principal matches, telling each why. */
  private signOutWhere(matches: (principal: Principal) => boolean, error: ApiError): void {
    for (const connection of this.connections) {
      if (connection.principal && matches(connection.principal)) {
        this.signedOut(connection, connection.credentials, error);
        sendError(connection, error);
      }
    }
  }

  /**
   * Closes every connection signed in as a user an admin disabled: an ACCOUNT_DISABLED error message
   * (no id), then the close, code 1008 with the reason "account disabled". Closed rather than
   * signed out: a disabled user has nothing left to do here, public data included.
   */
  private closeUser(userId: number): void {
    const error = new AccountDisabledError(userId);
    for (const connection of this.connections) {
      if (connection.principal?.userId !== userId) continue;
      this.signedOut(connection, connection.credentials, error);
      sendError(connection, error);
      connection.close(CLOSE.policy, 'account disabled');
    }
  }

  /** Signs the connection out after its credentials failed; returns the failure to throw. */
  private signedOut(connection: Connection, credentials: Connection['credentials'], error: unknown): unknown {
    // A new {op: "auth"} while this check ran replaced the identity; that one stands.
    if (connection.credentials !== credentials) return error;
    connection.principal = undefined;
    connection.credentials = undefined;
    connection.expireAt(undefined);
    for (const name of PRIVATE_CHANNELS) {
      connection.subscriptions.get(name)?.();
      connection.subscriptions.delete(name);
    }
    return error;
  }

  /**
   * Handles one message (undefined: a binary one); a promise when the messages after it must wait:
   * they take effect only once its answer (or error) is sent.
   */
  private receive(connection: Connection, text: string | undefined): void | Promise<void> {
    // Nothing more takes effect on a connection the server closed: no answer could reach the client.
    if (connection.isClosed) return;
    const message = text === undefined ? undefined : jsonObject(text);
    if (!message || text === undefined) return connection.sendJson(NOT_A_JSON_OBJECT);
    const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
    const refused = messageFieldsRefusal(message) ?? inexactNumbersRefusal(text, 'message');
    if (refused) return sendError(connection, refused, id);
    let pending: void | Promise<void>;
    try {
      pending = this.dispatch(connection, message, id);
    } catch (error) {
      return this.fail(connection, id, error);
    }
    if (pending) return pending.catch((error: unknown) => this.fail(connection, id, error));
  }

  /** A client that sent more than a connection queues while a message was pending: told why, then closed. */
  private flooded(connection: Connection): void {
    const maxBytes = this.options.maxBufferedBytes;
    const message = `More than ${maxBytes} bytes of messages arrived while an earlier message was still being handled; this connection is closed. Wait for answers before sending more.`;
    sendError(connection, new ApiError('RATE_LIMITED', message, { maxBytes }));
    connection.close(CLOSE.policy, `over ${maxBytes} bytes of messages waiting`);
  }

  private fail(connection: Connection, id: string | number | undefined, error: unknown): void {
    const unavailable = error instanceof Error && error.name === 'ExchangeUnavailableError';
    const known = error instanceof ApiError ? error : unavailable ? new ApiError('UNAVAILABLE', (error as { publicMessage?: string }).publicMessage) : new ApiError('INTERNAL');
    if (!(error instanceof ApiError) && !unavailable) this.options.logger.error({ err: error }, 'websocket message failed');
    sendError(connection, known, id);
  }

  /**
   * Synchronous up to the point something must wait (the journal, a first credential check); a
   * promise only when the messages after this one must wait for it.
   */
  private dispatch(connection: Connection, message: ClientMessage, id: string | number | undefined): void | Promise<void> {
    switch (message.op) {
      case 'ping':
        return connection.sendJson({ type: 'pong', id, ts: Date.now() });
      case 'auth':
        return this.authenticate(connection, message, id);
      case 'subscribe':
        return this.subscribe(connection, message.channels, id);
      case 'unsubscribe':
        return this.unsubscribe(connection, message.channels, id);
      default: {
        const op = message.op;
        if (typeof op !== 'string' || !(ORDER_OPS as readonly string[]).includes(op)) {
          const ops = WS_OPS.join(', ');
          if (op === undefined) throw new ApiError('INVALID_REQUEST', `op is required: one of ${ops}.`, [{ path: 'op', message: 'op is required' }]);
          throw new ApiError('INVALID_REQUEST', `Unknown op ${echo(JSON.stringify(op))}: use ${ops}.`, [{ path: 'op', message: `op must be one of ${ops}` }]);
        }
        const principal = this.currentPrincipal(connection);
        // No named closure per message: the loaders that run TypeScript sources name each one as it is made.
        if (principal instanceof Promise) return principal.then((proven) => this.enter(connection, proven, op as OrderOp, message, id));
        return this.enter(connection, principal, op as OrderOp, message, id);
      }
    }
  }

  /**
   * Runs an order-entry message. A placement the engine accepted is answered from its own events
   * once durable, so the messages after it go on meanwhile (the hot path: no promise beyond the
   * ack's). Every other answer holds them until it is sent: a cancel's or replace's order is read
   * back after its commit, and a refusal or a replay describes the account as it is, so each
   * shows the state right after its own command.
   */
  private enter(connection: Connection, principal: Principal | undefined, op: OrderOp, message: ClientMessage, id: string | number | undefined): void | Promise<void> {
    const engine = this.ctx.exchange.engine;
    const firstNewOrder = engine.nextOrderId;
    const acked = handleOrderEntry(this.ctx, principal, op, message, id).then((ack) => connection.send(ack));
    if (!isPlacement(op) || engine.nextOrderId === firstNewOrder) return acked;
    acked.catch((error: unknown) => this.fail(connection, id, error));
  }

  /**
   * A refused sign-in ends the one before it, as a failed login does: a client that sent bad
   * credentials must not go on trading as whoever it was. A check that could not run
   * (UNAVAILABLE) leaves it as it was. Each refusal spends the address's request budget, as bad
   * credentials on REST do: past it, guessing is answered RATE_LIMITED.
   */
  private authenticate(connection: Connection, message: ClientMessage, id: string | number | undefined): void | Promise<void> {
    const before = connection.credentials;
    const refused = (error: unknown): never => {
      if (error instanceof ApiError && error.code === 'UNAVAILABLE') throw error;
      this.signedOut(connection, before, error);
      throw error instanceof ApiError ? this.spendOnFailure(connection.address, error) : error;
    };
    try {
      const headers = credentialsOfMessage(message);
      const found = principalOf(headers, this.ctx.auth, this.ctx.keys);
      if (found instanceof Promise) return this.authenticateAfterWaits(connection, headers, found, id).catch(refused);
      this.signIn(connection, headers, found, id);
    } catch (error) {
      refused(error);
    }
  }

  /**
   * Signs in only in the turn of a check that answered at once (the caches hold the credentials
   * after one wait): a sign-out pushed during a wait is then either seen by the check or finds
   * this connection signed in.
   */
  private async authenticateAfterWaits(connection: Connection, headers: Record<string, string | undefined>, first: Promise<Principal | undefined>, id: string | number | undefined): Promise<void> {
    let found: ReturnType<typeof principalOf> = first;
    for (let waits = 0; found instanceof Promise; waits++) {
      if (waits === 3) throw new ApiError('UNAVAILABLE');
      await found;
      found = principalOf(headers, this.ctx.auth, this.ctx.keys);
    }
    this.signIn(connection, headers, found, id);
  }

  /** Counts a refused credential against `address`'s budget: the refusal itself, or RATE_LIMITED once the budget is spent. */
  private spendOnFailure(address: string, refusal: ApiError): ApiError {
    if (refusal.code === 'UNAVAILABLE') return refusal;
    return this.ctx.requests.overBudget(addressKey(address)) ?? refusal;
  }

  private signIn(connection: Connection, headers: Record<string, string | undefined>, principal: Principal | undefined, id: string | number | undefined): void {
    if (!principal) throw new ApiError('UNAUTHENTICATED', 'Send {"op":"auth","token":"<access token>"} or {"op":"auth","keyId":"...","secret":"..."}.');
    if (connection.principal && connection.principal.accountId !== principal.accountId) {
      // Private subscriptions belong to the previous identity.
      for (const name of PRIVATE_CHANNELS) {
        connection.subscriptions.get(name)?.();
        connection.subscriptions.delete(name);
      }
    }
    connection.principal = principal;
    connection.credentials = headers;
    this.watchExpiry(connection);
    connection.sendJson({ type: 'authenticated', id, userId: principal.userId, accountId: principal.accountId });
  }

  /**
   * Checks every channel (and the sign-in, if a private one is new) before subscribing to any, then
   * subscribes without waiting: the reply comes first, then each book's snapshot, then the deltas
   * that continue it, which cannot slip in between since nothing waits after the snapshot is taken.
   * A channel already subscribed stays as it is but gets a fresh snapshot: that is how a client
   * that missed a delta resynchronizes.
   */
  private subscribe(connection: Connection, names: unknown, id: string | number | undefined): void | Promise<void> {
    const channels = this.parseChannels(channelList(names));
    if (!channels.some((channel) => channel.kind === 'private' && !connection.subscriptions.has(channel.name))) return this.subscribeTo(connection, channels, undefined, id);
    const proven = this.currentPrincipal(connection);
    // The account is read after any wait: a sign-out pushed during it has cleared the principal.
    if (proven instanceof Promise) return proven.then(() => this.subscribeTo(connection, channels, signedInAccount(connection), id));
    this.subscribeTo(connection, channels, signedInAccount(connection), id);
  }

  /** Subscribes without waiting; `accountId` is the signed-in account when a private channel is new. */
  private subscribeTo(connection: Connection, channels: readonly Channel[], accountId: number | undefined, id: string | number | undefined): void {
    const snapshots: string[] = [];
    for (const channel of channels) {
      if (!connection.subscriptions.has(channel.name)) {
        const stop = channel.kind === 'private' ? this.privateStream(connection, accountId!, channel.name) : this.fanout.add(channel.name, channel.topic, connection);
        connection.subscriptions.set(channel.name, stop);
      }
      // A book, subscribed now or before, starts from a snapshot whose seq the deltas continue.
      if (channel.kind === 'public' && channel.book) snapshots.push(JSON.stringify({ channel: channel.name, type: 'snapshot', data: depthView(this.ctx.format, this.ctx.exchange.feed.depth(channel.symbol)) }));
    }
    connection.sendJson({ type: 'subscribed', id, channels: channels.map((channel) => channel.name) });
    for (const snapshot of snapshots) connection.send(snapshot);
  }

  /**
   * The channels named, each once; the first bad name refuses them all (INVALID_CHANNEL, or
   * UNKNOWN_SYMBOL for a symbol not listed), with details [{path, message}] at its place in the
   * request's list ("channels.1"), as every validation refusal points at its field.
   */
  private parseChannels(names: readonly string[]): Channel[] {
    const channels = new Map<string, Channel>();
    for (const [index, name] of names.entries()) {
      const channel = parseChannel(name, (symbol) => this.ctx.exchange.engine.instrument(symbol) !== undefined);
      if ('code' in channel) throw new ApiError(channel.code, channel.message, [{ path: `channels.${index}`, message: channel.message }]);
      channels.set(channel.name, channel);
    }
    return [...channels.values()];
  }

  /**
   * A name that is no channel is refused as subscribe refuses it, and then none is unsubscribed; a
   * channel the connection is not subscribed to is fine, and left out of the reply's `channels`.
   */
  private unsubscribe(connection: Connection, names: unknown, id: string | number | undefined): void {
    const removed: string[] = [];
    for (const { name } of this.parseChannels(channelList(names))) {
      const stop = connection.subscriptions.get(name);
      if (!stop) continue;
      stop();
      connection.subscriptions.delete(name);
      removed.push(name);
    }
    connection.sendJson({ type: 'unsubscribed', id, channels: removed });
  }

  private privateStream(connection: Connection, accountId: number, channel: PrivateChannel): () => void {
    let stream = this.privateStreams.get(connection);
    if (!stream) {
      const subscribe = (account: number, deliver: (events: readonly EngineEvent[]) => void) =>
        this.ctx.exchange.bus.subscribe(topics.account(account), (message) => {
          if (message.kind === 'account') deliver(message.events);
        });
      this.privateStreams.set(connection, (stream = new PrivateStream(this.ctx.format, subscribe, (frame) => connection.sendJson(frame))));
    }
    return stream.add(accountId, channel);
  }
}

/** The credential headers of an upgrade request, kept to prove the principal again later. */
function credentialsOf(headers: IncomingMessage['headers']): Connection['credentials'] {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return { authorization: one(headers.authorization), [KEY_ID_HEADER]: one(headers[KEY_ID_HEADER]), [KEY_SECRET_HEADER]: one(headers[KEY_SECRET_HEADER]) };
}

/**
 * The credentials of an auth message as the headers REST reads them from (none: the caller is told
 * how to sign in). A malformed one is refused here, in the message's own terms: REST's
 * refusals speak of headers.
 */
function credentialsOfMessage(message: ClientMessage): Record<string, string | undefined> {
  const { token, keyId, secret } = message;
  if (token !== undefined) {
    if (typeof token !== 'string' || !/^\S+$/.test(token)) throw new ApiError('INVALID_TOKEN', 'Send the access token as {"op":"auth","token":"<access token>"}.');
    return { authorization: `Bearer ${token}` };
  }
  if (keyId === undefined && secret === undefined) return {};
  if (typeof keyId !== 'string' || typeof secret !== 'string') throw new ApiError('INVALID_TOKEN', 'Send both keyId and secret, as strings: {"op":"auth","keyId":"...","secret":"..."}.');
  return { [KEY_ID_HEADER]: keyId, [KEY_SECRET_HEADER]: secret };
}

function signedInAccount(connection: Connection): number {
  const accountId = connection.principal?.accountId;
  if (accountId === undefined) throw new ApiError('UNAUTHENTICATED', 'Private channels need {"op":"auth"} first.');
  return accountId;
}

/** The message as a JSON object, or undefined for anything else (not JSON, an array, a string, null). */
function jsonObject(text: string): ClientMessage | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ClientMessage) : undefined;
  } catch {
    return undefined;
  }
}

/** An error message in the REST error shape; one that answers no client message has no id. */
function sendError(connection: Connection, error: ApiError, id?: string | number): void {
  connection.sendJson({ type: 'error', id, code: error.code, message: error.message, details: error.details ?? null });
}

function channelList(names: unknown): string[] {
  if (!Array.isArray(names) || names.length === 0 || names.length > 100 || !names.every((n): n is string => typeof n === 'string')) {
    throw fieldRefusal({ problem: 'INVALID_REQUEST', path: 'channels', message: 'channels must be a list of 1 to 100 channel names, such as ["trades:AAPL", "book:AAPL"]' });
  }
  return names;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
