// A small typed client for the REST API over real HTTP (global fetch), acting anonymously, with a token or with an API key.
import type { BracketInput, OrderInput, ReplaceInput } from '../../src/platform/order-requests.ts';
import type { BalanceView, BookView, ErrorBody, FillView, HoldingView, KeyView, LedgerView, OrderView, PageOf, SessionView, UserView } from './views.ts';

export type Credentials = { readonly kind: 'bearer'; readonly token: string } | { readonly kind: 'key'; readonly id: string; readonly secret: string };

export interface Reply<T> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
}

export interface CallOptions {
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is, with the content type given in headers (or none). */
  readonly raw?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string | number | boolean | undefined>;
}

/** Thrown by the `ok` helpers when the server answers with an unexpected status. */
export class UnexpectedReply extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly text: string,
  ) {
    super(`${method} ${path} answered ${status}: ${text.slice(0, 500)}`);
  }
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly credentials?: Credentials,
  ) {}

  withToken(token: string): Api {
    return new Api(this.baseUrl, { kind: 'bearer', token });
  }

  withKey(id: string, secret: string): Api {
    return new Api(this.baseUrl, { kind: 'key', id, secret });
  }

  anonymous(): Api {
    return new Api(this.baseUrl);
  }

  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (this.credentials?.kind === 'bearer') headers.authorization = `Bearer ${this.credentials.token}`;
    if (this.credentials?.kind === 'key') {
      headers['x-bourse-key-id'] = this.credentials.id;
      headers['x-bourse-key-secret'] = this.credentials.secret;
    }
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) {
      body = options.raw;
    }
    Object.assign(headers, options.headers);
    const response = await fetch(this.baseUrl + path + queryString(options.query), { method, headers, body });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json') && text.length > 0;
    return { status: response.status, body: (isJson ? JSON.parse(text) : text) as T, text, headers: response.headers };
  }

  /** The body of a reply with one of the expected statuses; anything else throws with the server's answer. */
  async ok<T>(method: string, path: string, options: CallOptions = {}, expected: readonly number[] = [200, 201]): Promise<T> {
    const reply = await this.call<T>(method, path, options);
    if (!expected.includes(reply.status)) throw new UnexpectedReply(method, path, reply.status, reply.text);
    return reply.body;
  }

  get<T>(path: string, query?: CallOptions['query']): Promise<T> {
    return this.ok<T>('GET', path, { query });
  }

  post<T>(path: string, json: unknown): Promise<T> {
    return this.ok<T>('POST', path, { json });
  }

  async register(username: string, password: string): Promise<UserView> {
    return (await this.post<{ user: UserView }>('/api/v1/auth/register', { username, password })).user;
  }

  login(username: string, password: string): Promise<SessionView> {
    return this.post<SessionView>('/api/v1/auth/login', { username, password });
  }

  refresh(refreshToken: string): Promise<Reply<SessionView | ErrorBody>> {
    return this.call('POST', '/api/v1/auth/refresh', { json: { refreshToken } });
  }

  async deposit(asset: string, amount: string): Promise<BalanceView[]> {
    return (await this.post<{ balances: BalanceView[] }>('/api/v1/account/deposits', { asset, amount })).balances;
  }

  async balances(): Promise<BalanceView[]> {
    return (await this.get<{ balances: BalanceView[] }>('/api/v1/account/balances')).balances;
  }

  /** The balance of one asset, zeros when the account never held it. */
  async balance(asset: string): Promise<BalanceView> {
    return (await this.balances()).find((b) => b.asset === asset) ?? { asset, available: '0', held: '0', total: '0' };
  }

  async holdings(): Promise<HoldingView[]> {
    return (await this.get<{ holdings: HoldingView[] }>('/api/v1/account/holdings')).holdings;
  }

  placeOrderReply(input: Partial<OrderInput> | Record<string, unknown>): Promise<Reply<{ order: OrderView; replayed: boolean } | ErrorBody>> {
    return this.call('POST', '/api/v1/orders', { json: input });
  }

  async placeOrder(input: OrderInput): Promise<OrderView> {
    return (await this.post<{ order: OrderView }>('/api/v1/orders', input)).order;
  }

  async placeOco(legs: readonly [OrderInput, OrderInput]): Promise<OrderView[]> {
    return (await this.post<{ orders: OrderView[] }>('/api/v1/orders/oco', { legs })).orders;
  }

  async placeBracket(input: BracketInput): Promise<OrderView[]> {
    return (await this.post<{ orders: OrderView[] }>('/api/v1/orders/bracket', input)).orders;
  }

  async order(id: number): Promise<OrderView> {
    return (await this.get<{ order: OrderView }>(`/api/v1/orders/${id}`)).order;
  }

  async cancel(id: number): Promise<OrderView> {
    return (await this.ok<{ order: OrderView }>('DELETE', `/api/v1/orders/${id}`)).order;
  }

  async cancelAll(symbol?: string): Promise<number[]> {
    return (await this.ok<{ cancelled: number[] }>('DELETE', '/api/v1/orders', { query: { symbol } })).cancelled;
  }

  async replace(id: number, changes: ReplaceInput): Promise<OrderView> {
    return (await this.ok<{ order: OrderView }>('PATCH', `/api/v1/orders/${id}`, { json: changes })).order;
  }

  orders(query: CallOptions['query'] = {}): Promise<PageOf<OrderView>> {
    return this.get('/api/v1/orders', query);
  }

  fills(query: CallOptions['query'] = {}): Promise<PageOf<FillView>> {
    return this.get('/api/v1/fills', query);
  }

  ledger(query: CallOptions['query'] = {}): Promise<PageOf<LedgerView>> {
    return this.get('/api/v1/account/ledger', query);
  }

  book(symbol: string): Promise<BookView> {
    return this.get(`/api/v1/markets/${encodeURIComponent(symbol)}/book`);
  }

  async createKey(label: string, scopes: readonly string[]): Promise<KeyView & { secret: string }> {
    return (await this.post<{ key: KeyView & { secret: string } }>('/api/v1/api-keys', { label, scopes })).key;
  }

  /** Follows nextCursor through every page of a list. */
  async all<T>(path: string, query: CallOptions['query'] = {}): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await this.get<PageOf<T>>(path, { ...query, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
}

function queryString(query: CallOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
