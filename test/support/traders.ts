// Test users: unique names, registered and logged in over HTTP, with money deposited when asked.
import { Api } from './http-client.ts';
import { ADMIN } from './platform.ts';
import type { KeyView, SessionView, UserView } from './views.ts';

export const PASSWORD = 'correct horse battery';

let counter = 0;

/** A username no other test in this process uses (3 to 32 characters). */
export function uniqueName(prefix = 'u'): string {
  counter += 1;
  return `${prefix}-${process.pid.toString(36)}-${counter}`;
}

export interface Trader {
  readonly name: string;
  readonly password: string;
  readonly user: UserView;
  readonly session: SessionView;
  /** Acts as this trader with the login's access token. */
  readonly api: Api;
}

export interface TraderOptions {
  /** The start of the username. Default "t". */
  readonly prefix?: string;
  /** Scopes of an API key to create for the trader, such as ['read', 'trade']. */
  readonly apiKey?: readonly string[];
}

/** A trader with an API key, its secret included. */
export interface KeyedTrader extends Trader {
  readonly key: KeyView & { readonly secret: string };
}

/** Registers and logs in a trader; `deposits` maps assets to decimal amounts; `options` as a string is the username's prefix. */
export async function newTrader(url: string, deposits?: Record<string, string>, options?: string | (TraderOptions & { apiKey?: undefined })): Promise<Trader>;
export async function newTrader(url: string, deposits: Record<string, string>, options: TraderOptions & { apiKey: readonly string[] }): Promise<KeyedTrader>;
export async function newTrader(url: string, deposits: Record<string, string> = {}, options: string | TraderOptions = {}): Promise<Trader | KeyedTrader> {
  const { prefix = 't', apiKey } = typeof options === 'string' ? { prefix: options } : options;
  const anonymous = new Api(url);
  const name = uniqueName(prefix);
  const user = await anonymous.register(name, PASSWORD);
  const session = await anonymous.login(name, PASSWORD);
  const api = anonymous.withToken(session.accessToken);
  for (const [asset, amount] of Object.entries(deposits)) await api.deposit(asset, amount);
  const trader = { name, password: PASSWORD, user, session, api };
  return apiKey === undefined ? trader : { ...trader, key: await api.createKey(`${name} key`, apiKey) };
}

/** The admin the platform creates from its `admin` config, logged in. */
export async function adminApi(url: string): Promise<Api> {
  const anonymous = new Api(url);
  const session = await anonymous.login(ADMIN.username, ADMIN.password);
  return anonymous.withToken(session.accessToken);
}
