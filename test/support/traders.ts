// Test users: unique names, registered and logged in over HTTP, with money deposited when asked.
import { Api } from './http-client.ts';
import { ADMIN } from './platform.ts';
import type { SessionView, UserView } from './views.ts';

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

/** Registers and logs in a trader; `deposits` maps assets to decimal amounts. */
export async function newTrader(url: string, deposits: Record<string, string> = {}, prefix = 't'): Promise<Trader> {
  const anonymous = new Api(url);
  const name = uniqueName(prefix);
  const user = await anonymous.register(name, PASSWORD);
  const session = await anonymous.login(name, PASSWORD);
  const api = anonymous.withToken(session.accessToken);
  for (const [asset, amount] of Object.entries(deposits)) await api.deposit(asset, amount);
  return { name, password: PASSWORD, user, session, api };
}

/** The admin the platform creates from its `admin` config, logged in. */
export async function adminApi(url: string): Promise<Api> {
  const anonymous = new Api(url);
  const session = await anonymous.login(ADMIN.username, ADMIN.password);
  return anonymous.withToken(session.accessToken);
}
