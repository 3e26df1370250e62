// The bots repository (migration 0003-bots): each managed bot's definition and desired state, params and symbols kept as JSON text.
import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from './schema.ts';

/** Whether the bot should run; what it actually does is the bot pool's live state. */
export type BotDesiredState = 'running' | 'stopped';

export interface BotsTable {
  id: Generated<number>;
  ownerUserId: number;
  userId: number;
  accountId: number;
  name: string;
  strategy: string;
  /** JSON of the params as given (defaults are filled in when the bot is built, so they may evolve). */
  params: string;
  /** JSON array of symbols. */
  symbols: string;
  seed: number;
  desiredState: BotDesiredState;
  createdAt: number;
  updatedAt: number;
}

/** A type alias, not an interface: `withTables` needs the implicit index signature only aliases get. */
type BotTables = { bots: BotsTable };

/** A bot as stored, with params and symbols parsed. */
export interface BotRow {
  readonly id: number;
  readonly ownerUserId: number;
  readonly userId: number;
  readonly accountId: number;
  readonly name: string;
  readonly strategy: string;
  readonly params: unknown;
  readonly symbols: readonly string[];
  readonly seed: number;
  readonly desiredState: BotDesiredState;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewBotRow = Omit<BotRow, 'id' | 'createdAt' | 'updatedAt'>;

export interface BotRowChanges {
  readonly params?: unknown;
  readonly symbols?: readonly string[];
  readonly desiredState?: BotDesiredState;
}

export class BotsRepo {
  private readonly db: Kysely<Database & BotTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {
    this.db = db.withTables<BotTables>();
  }

  /** Every bot in id order; a platform runs dozens or hundreds, so start-up reads them all. */
  async list(): Promise<BotRow[]> {
    return (await this.db.selectFrom('bots').selectAll().orderBy('id').execute()).map(rowOf);
  }

  async get(id: number): Promise<BotRow | undefined> {
    const row = await this.db.selectFrom('bots').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowOf(row);
  }

  /** Adds a bot; undefined when its owner already has a bot of that name (or its user or account is taken). */
  async insert(bot: NewBotRow): Promise<BotRow | undefined> {
    const ts = this.now();
    const row = await this.db
      .insertInto('bots')
      .values({ ...bot, params: JSON.stringify(bot.params ?? {}), symbols: JSON.stringify(bot.symbols), createdAt: ts, updatedAt: ts })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    return row && rowOf(row);
  }

  /** Changes the given fields; undefined when there is no such bot. */
  async update(id: number, changes: BotRowChanges): Promise<BotRow | undefined> {
    const set = {
      ...(changes.params === undefined ? {} : { params: JSON.stringify(changes.params) }),
      ...(changes.symbols === undefined ? {} : { symbols: JSON.stringify(changes.symbols) }),
      ...(changes.desiredState === undefined ? {} : { desiredState: changes.desiredState }),
      updatedAt: this.now(),
    };
    const row = await this.db.updateTable('bots').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return row && rowOf(row);
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('bots').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function rowOf(row: Selectable<BotsTable>): BotRow {
  return { ...row, params: JSON.parse(row.params) as unknown, symbols: JSON.parse(row.symbols) as string[] };
}
