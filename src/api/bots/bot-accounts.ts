// The host's side of a bot: its own funded user and account, its strategy named to central risk, its ports over the in-process client.
import { randomBytes } from 'node:crypto';
import type { BotAccounts, Funding, StoredBot } from '../../bots/index.ts';
import { STRATEGY_NAME } from '../../platform/risk/index.ts';
import { assetAmount, isProblem } from '../../platform/units.ts';
import { API_KEY_SCOPES } from '../auth/api-key-scopes.ts';
import type { Principal } from '../auth/principal.ts';
import { InProcessFeedPort, InProcessTradingPort } from '../clients/in-process-client.ts';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { depositRefusal, depositTooLargeToConvert } from '../refusal-details.ts';
import { fieldRefusal, notListedMessage, unknownAsset } from '../field-refusal.ts';

/** Only zeros: nothing to deposit (a deposit of zero is refused, so it is skipped instead). */
const ZERO = /^0*(\.0*)?$/;

/**
 * No back door: the bot is a trader like any other. Its starting funds go through the same
 * deposit path as `POST /account/deposits`, and its orders through the trading service with its
 * own principal. `ctx` is read lazily because the context holds the manager built over this.
 */
export class HostBotAccounts implements BotAccounts {
  constructor(private readonly ctx: () => ApiContext) {}

  async provision(request: { readonly ownerUserId: number; readonly name: string; readonly funding: Funding }): Promise<{ userId: number; accountId: number }> {
    const ctx = this.ctx();
    const deposits = this.deposits(request.funding);
    // A random password nobody holds: the bot never logs in; it acts through its principal in process.
    const username = `bot-${request.name}-${randomBytes(3).toString('hex')}`;
    const user = await ctx.auth.register(username, randomBytes(32).toString('base64url'), 'trader');
    const principal = principalOf(user.id, user.accountId);
    for (const [asset, amount] of deposits) await ctx.trading.deposit(principal, asset, amount, `starting funds of bot ${request.name}`);
    return { userId: user.id, accountId: user.accountId };
  }

  async setStrategy(accountId: number, strategy: string | undefined): Promise<void> {
    // A strategy file's own name may not fit the names risk limits are kept under; such a bot runs under its account's limits only.
    await this.ctx().risk.setStrategy(accountId, strategy !== undefined && STRATEGY_NAME.test(strategy) ? strategy : undefined);
  }

  /** A bot's trading spends its user's request budget; the manager's clean-up when it stops the bot does not. */
  ports(bot: StoredBot, use?: { readonly cleanup: boolean }) {
    const ctx = this.ctx();
    const budget = use?.cleanup ? undefined : ctx.requests;
    return { trading: new InProcessTradingPort(ctx, principalOf(bot.userId, bot.accountId), budget), feed: new InProcessFeedPort(ctx, bot.accountId) };
  }

  /** A bot runs only while its own user and its owner are active: an admin who disables either stops it (see user-status.ts). */
  async runRefusal(bot: StoredBot): Promise<string | undefined> {
    const users = this.ctx().store.users;
    if ((await users.findById(bot.userId))?.status === 'disabled') return `The user of bot ${bot.id} is disabled; an admin has to enable them before it can run.`;
    if ((await users.findById(bot.ownerUserId))?.status === 'disabled') return `The owner of bot ${bot.id} is disabled; an admin has to enable them before it can run.`;
    return undefined;
  }

  unknownSymbols(symbols: readonly string[]): readonly string[] {
    const engine = this.ctx().exchange.engine;
    return symbols.filter((symbol) => engine.instrument(symbol) === undefined);
  }

  notListed(symbol: string): string {
    return notListedMessage(symbol);
  }

  /** Every deposit checked before the user is made, so a refused amount leaves no empty account behind. */
  private deposits(funding: Funding): Array<[string, string]> {
    const engine = this.ctx().exchange.engine;
    // Each with the path it has in a create request, so a refusal points at the field.
    const all: Array<[string, string, string]> = [[this.ctx().risk.currency.code, funding.cash, 'cash'], ...Object.entries(funding.deposits).map(([asset, amount]): [string, string, string] => [asset, amount, `deposits.${asset}`])];
    // Cash of 0 is how a bot goes without cash; a deposit it names must put something in, as POST /account/deposits requires.
    for (const [asset, amount] of Object.entries(funding.deposits)) {
      if (ZERO.test(amount)) throw fieldRefusal({ problem: 'INVALID_AMOUNT', path: `deposits.${asset}`, message: `a deposit must be more than 0: leave ${asset} out of deposits to deposit none` });
    }
    const wanted = all.filter(([, amount]) => !ZERO.test(amount));
    if (wanted.length === 0) throw unfunded();
    // The new account's total per asset (cash may be in an asset deposits name too), against the deposit ceilings.
    const totals = new Map<string, number>();
    for (const [asset, amount, path] of wanted) {
      const spec = engine.asset(asset);
      if (!spec) throw unknownAsset(asset, path);
      const units = assetAmount(spec, amount);
      if (isProblem(units)) throw depositTooLargeToConvert(engine, asset, amount, 0) ?? new ApiError(units.problem, `${asset} ${amount}: ${units.message}`, [{ path, message: units.message }]);
      totals.set(asset, (totals.get(asset) ?? 0) + units);
    }
    for (const [asset, units] of totals) {
      const refusal = depositRefusal(engine, asset, units, 0);
      if (refusal) throw refusal;
    }
    return wanted.map(([asset, amount]) => [asset, amount]);
  }
}

/**
 * INVALID_AMOUNT, as a deposit of 0 is, for a bot whose cash and every deposit are 0: an account
 * with nothing in it can never place an order, so the bot would only ever be refused.
 */
function unfunded(): ApiError {
  return fieldRefusal({ problem: 'INVALID_AMOUNT', path: 'cash', message: 'cash must be more than 0 when no deposit is: a bot funded with nothing can never place an order' });
}

/** A bot's principal: its own user, trading with every scope a login has. */
export function principalOf(userId: number, accountId: number): Principal {
  return { userId, accountId, role: 'trader', scopes: API_KEY_SCOPES };
}
