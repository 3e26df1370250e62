// The living market: a default set of bots from a config file (config/bots.json), created once under a system owner and kept running.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BotManager } from '../../bots/index.ts';
import { plainDecimalString } from '../../platform/decimal-text.ts';
import { usernameSchema } from '../auth/usernames.ts';
import type { ApiContext } from '../context.ts';
import { systemUserKey } from '../../store/index.ts';

export const DEFAULT_BOTS_FILE = new URL('../../../config/bots.json', import.meta.url);

const amount = plainDecimalString('10000');

const botSchema = z
  .object({
    name: z.string(),
    strategy: z.string(),
    symbols: z.array(z.string()).min(1),
    params: z.record(z.string(), z.unknown()).optional(),
    seed: z.number().int().nonnegative().optional(),
    cash: amount.optional(),
    deposits: z.record(z.string(), amount).optional(),
  })
  .strict();

const fileSchema = z
  .object({
    description: z.string().optional(),
    /** The user the set belongs to; made (as a trader nobody can log in as) when missing. */
    owner: usernameSchema.default('bourse-market'),
    /** Starting cash of each bot that names none. */
    cash: amount.optional(),
    bots: z.array(botSchema),
  })
  .strict();

export type LivingMarket = z.infer<typeof fileSchema>;

/** Reads and checks the file; a broken file stops start-up with the place of the problem, like the markets file. */
export async function loadLivingMarket(path: string | URL = DEFAULT_BOTS_FILE): Promise<LivingMarket> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the bots file ${String(path)}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`the bots file ${String(path)} is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'unknown problem'}`);
  }
  return parsed.data;
}

/** The meta key saying the living market made this bot (its id as value): once made, a bot missing from the owner was deleted. */
const madeKey = (ownerId: number, name: string) => `living-market.bot.${ownerId}.${name}`;

/**
 * Creates, started, each bot of the set its owner does not have yet; bots already there keep their
 * desired state, so one an admin stopped stays stopped, and one deleted stays deleted (it was made
 * once; renaming it in the file brings it back). A bot that cannot be made (a symbol no longer
 * listed, bad params) is logged and skipped: the rest of the market still runs.
 */
export async function ensureLivingMarket(ctx: ApiContext, manager: BotManager, market: LivingMarket, logger: Logger, closing: () => boolean = () => false): Promise<void> {
  const owner = await ownerOf(ctx, market.owner, logger);
  if (owner === undefined) return;
  let created = 0;
  let deleted = 0;
  for (const bot of market.bots) {
    // A shutdown during the first start leaves the rest for the next one.
    if (closing()) break;
    const made = madeKey(owner, bot.name);
    const existing = manager.findByName(owner, bot.name);
    if (existing) {
      // A bot made before its mark was written (a crash between the two) is marked now.
      if ((await ctx.store.meta.get(made)) === undefined) await ctx.store.meta.set(made, existing.id);
      continue;
    }
    if ((await ctx.store.meta.get(made)) !== undefined) {
      deleted++;
      continue;
    }
    try {
      const stored = await manager.create({ ownerUserId: owner, ...bot, cash: bot.cash ?? market.cash, start: true });
      await ctx.store.meta.set(made, stored.id);
      created++;
    } catch (error) {
      logger.warn({ bot: bot.name, err: error }, 'living market: bot not created');
    }
  }
  logger.info({ owner: market.owner, bots: market.bots.length, created, deleted }, 'living market ready');
}

/**
 * The living market's owner: only a user it made itself (its id kept in the meta table). Someone
 * else holding the name (registered before the first start with bots) must not be handed the
 * market's funded bots, so the market is then skipped with a warning until the file names a free owner.
 */
async function ownerOf(ctx: ApiContext, username: string, logger: Logger): Promise<number | undefined> {
  const key = systemUserKey(username);
  const known = await ctx.store.meta.get(key);
  if (known !== undefined && (await ctx.store.users.findById(known)) !== undefined) return known;
  if ((await ctx.store.users.findByUsername(username)) === undefined) {
    try {
      const user = await ctx.auth.register(username, randomBytes(32).toString('base64url'), 'trader');
      await ctx.store.meta.set(key, user.id);
      return user.id;
    } catch (error) {
      // Registered by someone in the meantime: the same refusal as below.
      logger.debug({ err: error }, 'living market: owner not registered');
    }
  }
  logger.warn({ owner: username }, `living market skipped: the user ${JSON.stringify(username)} was not made by the living market, so it may not own its bots; name another owner in the bots file ("owner")`);
  return undefined;
}
