// A WebSocket test client: collects every message, waits for one matching a predicate (with a timeout), and tracks the close.
import type { IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';

export type WsMessage = Record<string, unknown>;

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** The HTTP answer to an upgrade the server refused: status, headers and the body as text. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly text: string,
  ) {
    super(`upgrade refused: ${status} ${text.slice(0, 500)}`);
  }
}

interface Waiter {
  readonly predicate: (message: WsMessage) => boolean;
  readonly resolve: (message: WsMessage) => void;
}

export class WsClient {
  readonly messages: WsMessage[] = [];
  /** Resolves when the connection closes, with the code the server sent. */
  readonly closed: Promise<Closed>;
  private waiters = new Set<Waiter>();
  private nextId = 0;
  private isClosed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
      // The server speaks JSON text only; anything else is kept as is for the test to see.
      let message: WsMessage;
      try {
        message = isBinary ? { binary: text } : (JSON.parse(text) as WsMessage);
      } catch {
        message = { unparsed: text };
      }
      this.messages.push(message);
      for (const waiter of this.waiters) {
        if (waiter.predicate(message)) {
          this.waiters.delete(waiter);
          waiter.resolve(message);
        }
      }
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        this.isClosed = true;
        resolve({ code, reason: reason.toString('utf8') });
      }),
    );
  }

  /** Opens a connection and waits for the server's welcome. A refused upgrade rejects with an UpgradeRefused. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers, perMessageDeflate: false });
      const client = new WsClient(socket);
      socket.once('unexpected-response', (_request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          reject(new UpgradeRefused(response.statusCode ?? 0, response.headers, Buffer.concat(chunks).toString('utf8')));
          socket.terminate();
        });
      });
      socket.once('error', reject);
      client.waitFor((m) => m.type === 'welcome', 5_000).then(() => resolve(client), reject);
    });
  }

  get open(): boolean {
    return !this.isClosed;
  }

  send(message: WsMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.socket.send(data, { binary });
  }

  /** The first message, already received or still to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (message: WsMessage) => boolean, timeoutMs = 5_000, from = 0): Promise<WsMessage> {
    const seen = this.messages.slice(from).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching message within ${timeoutMs} ms; received: ${JSON.stringify(this.messages.slice(-10))}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Sends a message with a fresh id and waits for the reply that echoes it (an ack, a confirmation or an error). */
  async request(message: WsMessage, timeoutMs = 5_000): Promise<WsMessage> {
    const id = `r${++this.nextId}`;
    const reply = this.waitFor((m) => m.id === id, timeoutMs);
    this.send({ ...message, id });
    return reply;
  }

  /** Messages of one channel received so far, in order. */
  onChannel(channel: string): WsMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** Stops reading from the socket: the server's sends pile up in its buffer, as with a stalled client. */
  pauseReading(): void {
    this.rawSocket().pause();
  }

  resumeReading(): void {
    this.rawSocket().resume();
  }

  private rawSocket(): { pause(): void; resume(): void } {
    return (this.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  }

  async close(): Promise<Closed> {
    if (!this.isClosed) this.socket.close(1000);
    return this.closed;
  }
}

/** The trades of a `trades` channel message: each frame carries the trades of one commit, oldest first. */
export function tradesOf(message: WsMessage): Array<{ tradeId: number; symbol: string; price: string; qty: string; takerSide: string; ts: number }> {
  return message.type === 'trades' && Array.isArray(message.data) ? (message.data as ReturnType<typeof tradesOf>) : [];
}

/** The `data` object of a message, typed as the caller expects. */
export function dataOf<T>(message: WsMessage): T {
  return message.data as T;
}

/** The connections a test file opens to one server's /ws, closed together when the file is done. */
export class WsClients {
  private readonly opened: WsClient[] = [];

  /** `url` is read at each connect, so the server may start after this is made. */
  constructor(private readonly url: () => string) {}

  /** Opens a connection with these upgrade headers and waits for the server's welcome. */
  readonly connect = async (headers: Record<string, string> = {}): Promise<WsClient> => {
    const client = await WsClient.connect(this.url(), headers);
    this.opened.push(client);
    return client;
  };

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.map((c) => c.close()));
  }
}
