// A small REST client for CLI commands that talk to a running Bourse: an API key or a login, and the API's error shape as one-line errors.

export interface Credentials {
  readonly apiKeyId?: string;
  readonly apiKeySecret?: string;
  readonly username?: string;
  readonly password?: string;
}

export class RestClient {
  private token: Promise<string> | undefined;

  constructor(
    private readonly url: string,
    private readonly credentials: Credentials,
  ) {}

  /** The parsed JSON answer (undefined for an empty one); a refusal throws with the server's code and message. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path, await this.auth(), body);
  }

  /** A GET of a public endpoint (the leaderboard, instruments, assets): no credentials needed, none sent. */
  async publicGet<T>(path: string): Promise<T> {
    return this.send<T>('GET', path, {});
  }

  private async send<T>(method: string, path: string, auth: Record<string, string>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { ...auth };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text.length > 0 ? this.parse(text, response.status) : undefined;
    if (!response.ok) {
      const error = json as { code?: string; message?: string } | undefined;
      throw new Error(`${error?.code ?? response.status}: ${error?.message ?? text}`);
    }
    return json as T;
  }

  /** JSON, or a refusal saying the address answers but is not a Bourse API (a web page, a proxy's error). */
  private parse(text: string, status: number): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${this.url} answered ${status} without JSON; is --url a Bourse server?`);
    }
  }

  private async auth(): Promise<Record<string, string>> {
    const { apiKeyId, apiKeySecret, username, password } = this.credentials;
    if (apiKeyId && apiKeySecret) return { 'x-bourse-key-id': apiKeyId, 'x-bourse-key-secret': apiKeySecret };
    if (username && password) return { authorization: `Bearer ${await (this.token ??= this.login(username, password))}` };
    throw new Error('no credentials: pass --api-key-id and --api-key-secret (or BOURSE_API_KEY_ID and BOURSE_API_KEY_SECRET), or --username and --password');
  }

  private async login(username: string, password: string): Promise<string> {
    const response = await this.fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await response.json()) as { accessToken?: string; code?: string; message?: string };
    if (!response.ok || body.accessToken === undefined) throw new Error(`login failed: ${body.code ?? response.status}: ${body.message ?? ''}`);
    return body.accessToken;
  }

  private fetch(path: string, init: RequestInit): Promise<Response> {
    return fetch(new URL(path, this.url), init).catch((error: unknown) => {
      throw new Error(`cannot reach Bourse at ${this.url}; is it running? (npm start)`, { cause: error });
    });
  }
}
