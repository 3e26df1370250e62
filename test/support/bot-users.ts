// Bot users for simulations and benchmarks: each bot a registered user trading with its own principal, funded by deposits.
//
// Everything goes through the paths a person uses: registration and login in the auth service, the
// principal from the access token, deposits through TradingService (what POST /deposits calls), and
// the in-process client for trading. No account is opened or funded behind the platform's back.
import type { ApiContext } from '../../src/api/context.ts';
import type { EngineEvent } from '../../src/core/events.ts';
import type { Principal } from '../../src/api/auth/principal.ts';
import { InProcessFeedPort, InProcessTradingPort } from '../../src/api/clients/in-process-client.ts';
import type { BotPorts } from '../../src/bots/pool/types.ts';

export interface BotUser {
  readonly botId: string;
  readonly username: string;
  readonly principal: Principal;
}

const BOT_PASSWORD = 'bot-password-not-secret';

/** Registers bot users on one platform and keeps count of the money they moved in and out, per asset in minor units. */
export class BotUsers {
  private readonly users = new Map<string, BotUser>();
  /** Capital moved in by deposits less what withdrawals took out, per asset, in minor units. */
  readonly netDeposits = new Map<string, bigint>();

  constructor(private readonly ctx: ApiContext) {}

  /**
   * Registers the bot's user (username `bot-<id>`, as the store normalizes it), logs in, and deposits `funds` (asset to decimal
   * amount) in order. Bot ids must make valid usernames (letters, digits, `_`, `-`, `.`).
   */
  async provision(botId: string, funds: Readonly<Record<string, string>>): Promise<BotUser> {
    if (this.users.has(botId)) throw new Error(`bot ${botId} is provisioned already`);
    const { auth, trading } = this.ctx;
    const { username } = await auth.register(`bot-${botId}`, BOT_PASSWORD);
    const session = await auth.login(username, BOT_PASSWORD);
    const principal = await auth.authenticateToken(session.accessToken);
    for (const [asset, amount] of Object.entries(funds)) this.count(await trading.deposit(principal, asset, amount));
    const user = { botId, username, principal };
    this.users.set(botId, user);
    return user;
  }

  /** Takes money out of the bot's account, as its owner would through POST /withdrawals. */
  async withdraw(botId: string, asset: string, amount: string): Promise<void> {
    this.count(await this.ctx.trading.withdraw(this.get(botId).principal, asset, amount));
  }

  get(botId: string): BotUser {
    const user = this.users.get(botId);
    if (!user) throw new Error(`no bot user for ${botId}`);
    return user;
  }

  all(): BotUser[] {
    return [...this.users.values()];
  }

  private count(events: readonly EngineEvent[]): void {
    for (const event of events) {
      if (event.type !== 'LedgerEntry' || (event.reason !== 'deposit' && event.reason !== 'withdrawal')) continue;
      this.netDeposits.set(event.asset, (this.netDeposits.get(event.asset) ?? 0n) + BigInt(event.deltaAvailable));
    }
  }

  /** The bot's ports: the in-process client acting as the bot's own user (a BotPool port factory). */
  ports(botId: string): BotPorts {
    const { principal } = this.get(botId);
    return { trading: new InProcessTradingPort(this.ctx, principal, this.ctx.requests), feed: new InProcessFeedPort(this.ctx, principal.accountId) };
  }
}
