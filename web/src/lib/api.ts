// The REST client: JSON in and out, ApiError for the {code, message, details} shape, and the login's tokens with refresh on 401.
import type { ErrorBody, FieldIssue, Me, Session, User } from './api-types.ts';

export type * from './api-types.ts';

/** An error answer of the API (or a network failure, code NETWORK_ERROR, status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Validation issues by field path ("qty", "order.price"), for showing next to form fields. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const issue of this.details as FieldIssue[]) {
      if (issue && typeof issue.path === 'string' && typeof issue.message === 'string' && !(issue.path in out)) out[issue.path] = issue.message;
    }
    return out;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

const REFRESH_KEY = 'bourse.refreshToken';
/** Refresh this long before the access token expires, so WebSocket re-authentication never lags. */
const REFRESH_MARGIN_MS = 60_000;

type Listener = () => void;

/**
 * The access token lives only in memory; the refresh token in localStorage, so a reload stays
 * logged in. Refresh tokens rotate and a reused one ends the login, so refreshes are single-flight
 * and, where the browser has Web Locks, serialized across tabs.
 */
export class ApiClient {
  private accessToken: string | undefined;
  private refreshTimer: number | undefined;
  private refreshing: Promise<boolean> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly baseUrl = '') {
    window.addEventListener('storage', (event) => {
      // Another tab logged out: this one follows.
      if (event.key === REFRESH_KEY && event.newValue === null && this.accessToken) this.clearSession();
    });
  }

  get token(): string | undefined {
    return this.accessToken;
  }

  /** True when a login can be resumed (a refresh token is stored), even before the first request. */
  get hasSession(): boolean {
    return this.accessToken !== undefined || readRefreshToken() !== null;
  }

  /** Called whenever the access token changes (login, refresh, logout). Returns how to stop listening. */
  onTokenChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {} });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body: body ?? {} });
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body: body ?? {} });
  }

  delete<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('DELETE', path, { query });
  }

  /** One request; a 401 with a stored refresh token refreshes once and retries once. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    if (!this.accessToken && readRefreshToken() !== null && !isAuthPath(path)) await this.refresh();
    const sentWith = this.accessToken;
    const first = await this.send(method, path, options);
    if (first.status === 401 && !isAuthPath(path) && readRefreshToken() !== null && (await tokenRefused(first)) && (await this.refresh())) {
      return parse<T>(await this.send(method, path, options));
    }
    // An admin disabled the user: the login is over (the server ended it), so the app goes back to the login screen,
    // and the request goes again without the token: public data still loads, anything private asks for a login.
    // Requests in flight together all see the refusal; the first ends the session and each goes again.
    if (first.status === 403 && sentWith !== undefined && !isAuthPath(path) && (await errorCode(first)) === 'ACCOUNT_DISABLED') {
      if (this.accessToken === sentWith) this.clearSession();
      return parse<T>(await this.send(method, path, options));
    }
    return parse<T>(first);
  }

  async login(username: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', '/api/v1/auth/login', { body: { username, password } });
    this.setSession(session);
    return session;
  }

  async register(username: string, password: string): Promise<User> {
    const { user } = await this.request<{ user: User }>('POST', '/api/v1/auth/register', { body: { username, password } });
    return user;
  }

  /** Ends the login on the server (best effort) and forgets the tokens here. */
  async logout(): Promise<void> {
    const refreshToken = readRefreshToken();
    try {
      if (refreshToken) await this.send('POST', '/api/v1/auth/logout', { body: { refreshToken } });
    } catch {
      // Offline: the tokens are forgotten anyway and the session ends at its idle timeout.
    }
    this.clearSession();
  }

  /** The server ends every other login of the user; this one stays. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.request<void>('POST', '/api/v1/auth/password', { body: { currentPassword, newPassword } });
  }

  me(): Promise<Me> {
    return this.get<Me>('/api/v1/me');
  }

  /** Trades the refresh token for a new pair. False (and logged out) when the login has ended. */
  refresh(): Promise<boolean> {
    this.refreshing ??= withRefreshLock(() => this.doRefresh()).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    // Read inside the lock: another tab may have rotated it a moment ago.
    const refreshToken = readRefreshToken();
    if (!refreshToken) {
      this.clearSession();
      return false;
    }
    let response: Response;
    try {
      response = await this.send('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
    } catch {
      return false; // Offline: keep the refresh token and try again later.
    }
    if (!response.ok) {
      if (response.status === 401 || response.status === 400 || response.status === 403) this.clearSession();
      return false;
    }
    this.setSession((await response.json()) as Session);
    return true;
  }

  private setSession(session: Session): void {
    this.accessToken = session.accessToken;
    localStorage.setItem(REFRESH_KEY, session.refreshToken);
    window.clearTimeout(this.refreshTimer);
    const delay = Math.max(5_000, session.accessTokenExpiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.refreshTimer = window.setTimeout(() => void this.refresh(), delay);
    this.emit();
  }

  private clearSession(): void {
    const had = this.accessToken !== undefined || readRefreshToken() !== null;
    this.accessToken = undefined;
    localStorage.removeItem(REFRESH_KEY);
    window.clearTimeout(this.refreshTimer);
    if (had) this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    try {
      return await fetch(this.baseUrl + path + queryString(options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached; check the connection and retry.');
    }
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.ok) return body as T;
  if (isErrorBody(body)) throw new ApiError(response.status, body.code, body.message, body.details);
  throw new ApiError(response.status, 'HTTP_ERROR', `The server answered ${response.status} ${response.statusText}.`);
}

/** A 401 about the access token (not, say, a wrong current password), so a refresh may help. */
async function tokenRefused(response: Response): Promise<boolean> {
  return (await errorCode(response)) !== 'INVALID_CREDENTIALS';
}

/** The code of an error answer, read from a copy (the caller still parses the response); undefined when it has none. */
async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    return isErrorBody(body) ? body.code : undefined;
  } catch {
    return undefined;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).code === 'string' && typeof (value as ErrorBody).message === 'string';
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isAuthPath(path: string): boolean {
  return path.startsWith('/api/v1/auth/') && !path.startsWith('/api/v1/auth/password');
}

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function withRefreshLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('bourse-refresh', run) as Promise<T>) : run();
}

/** The one client of the dashboard. */
export const api = new ApiClient();
