// The bot manager's vocabulary: stored bots, the injected registry and account provisioning, inputs, views and errors.
import type { BotPoolOptions, BotPorts, BotStatus } from '../pool/types.ts';

export type DesiredState = 'running' | 'stopped';

/** A bot as the registry keeps it. `params` are as given; defaults are filled in when the bot is built. */
export interface StoredBot {
  readonly id: number;
  readonly ownerUserId: number;
  /** The bot's own user and account: it trades as that user, and both outlive the bot. */
  readonly userId: number;
  readonly accountId: number;
  readonly name: string;
  /** A built-in strategy name, or the absolute path of a strategy module. */
  readonly strategy: string;
  readonly params: unknown;
  readonly symbols: readonly string[];
  readonly seed: number;
  readonly desiredState: DesiredState;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewStoredBot = Omit<StoredBot, 'id' | 'createdAt' | 'updatedAt'>;

/** Persistence, supplied by the host (the store's BotsRepo fits). */
export interface BotRegistry {
  list(): Promise<readonly StoredBot[]>;
  /** Undefined when the owner already has a bot of that name. */
  insert(bot: NewStoredBot): Promise<StoredBot | undefined>;
  update(id: number, changes: { readonly params?: unknown; readonly symbols?: readonly string[]; readonly desiredState?: DesiredState }): Promise<StoredBot | undefined>;
  delete(id: number): Promise<boolean>;
}

/** What a new bot's account is funded with: amounts as decimal strings per asset. */
export interface Funding {
  /** Cash in the host's cash currency; the manager's default when absent. */
  readonly cash: string;
  /** Further deposits, e.g. a market maker's base inventory. */
  readonly deposits: Readonly<Record<string, string>>;
}

/** Accounts and ports, supplied by the host: each bot is a user of its own, trading only through the public path. */
export interface BotAccounts {
  /** Creates the bot's user and account and funds it; throws (a 4xx-able error) when funding is impossible. */
  provision(request: { readonly ownerUserId: number; readonly name: string; readonly funding: Funding }): Promise<{ readonly userId: number; readonly accountId: number }>;
  /** Names the strategy an account runs for central risk (undefined for none). */
  setStrategy(accountId: number, strategy: string | undefined): Promise<void>;
  /**
   * The bot's ports, acting as its own user. `cleanup`: the manager's own clean-up of a bot it
   * stops (its open orders), which must work even when the bot's trading has spent its request budget.
   */
  ports(bot: StoredBot, use?: { readonly cleanup: boolean }): BotPorts | Promise<BotPorts>;
  /** Symbols of the list that are not traded here. */
  unknownSymbols(symbols: readonly string[]): readonly string[];
  /** How the host refuses a symbol that is not traded here, in the words its other refusals of one use. */
  notListed(symbol: string): string;
  /**
   * Why the bot may not run now (its user or its owner is disabled), or undefined when it may;
   * checked before each start, so a bot of a disabled user neither starts nor resumes.
   */
  runRefusal?(bot: StoredBot): Promise<string | undefined>;
}

export interface BotManagerOptions {
  readonly registry: BotRegistry;
  readonly accounts: BotAccounts;
  /** The pool is made on first use, so a host without running bots spawns no worker threads. */
  readonly pool: Omit<BotPoolOptions, 'ports'>;
  /** Starting cash when a create names none (default "10000"). */
  readonly defaultCash?: string;
  /** Seeds for bots that name none (default: random 32-bit). */
  readonly newSeed?: () => number;
  /** Bots an owner may keep when a create is `capped` (default 50): each is a user, an account and a share of the workers. */
  readonly maxBotsPerOwner?: number;
}

export interface CreateBotInput {
  readonly ownerUserId: number;
  readonly name: string;
  readonly strategy: string;
  readonly params?: unknown;
  readonly symbols?: readonly string[];
  readonly seed?: number;
  readonly cash?: string;
  readonly deposits?: Readonly<Record<string, string>>;
  /** Start at once (default false). */
  readonly start?: boolean;
  /** Refuse the create when the owner already keeps the manager's `maxBotsPerOwner` bots, counting creates in flight. */
  readonly capped?: boolean;
}

export interface BotChanges {
  readonly params?: unknown;
  readonly symbols?: readonly string[];
}

/** A managed bot: what is stored, with the pool's live status. */
export interface ManagedBot extends StoredBot {
  readonly status: BotStatus;
}

export type BotErrorCode = 'UNKNOWN_STRATEGY' | 'INVALID_PARAMS' | 'INVALID_SYMBOLS' | 'UNKNOWN_SYMBOL' | 'INVALID_NAME' | 'NAME_TAKEN' | 'NOT_FOUND' | 'LIMIT_REACHED' | 'UNAVAILABLE' | 'ACCOUNT_DISABLED';

/** A request the manager refuses: the host turns it into a 4xx with the code. */
export class BotManagerError extends Error {
  constructor(
    readonly code: BotErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'BotManagerError';
  }
}

/** Bots an owner may keep in a capped create unless the manager is given another cap. */
export const DEFAULT_MAX_BOTS_PER_OWNER = 50;

/** Bot names: 1 to 20 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit (they become part of a username), and not digits only: the CLI takes a bot by name or id. */
export const BOT_NAME = /^(?!\d+$)[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

/** What a name breaking BOT_NAME is told, at the request's name field (the dashboard's form says the same: test/bot-name-parity.test.ts). */
export const BOT_NAME_RULE = '1 to 20 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit, and not digits only (those are bot ids)';
