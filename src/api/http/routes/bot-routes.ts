// Bot routes: a trader manages the bots they own (others' answer 404), an admin manages every bot.
import { z } from 'zod';
import { BOT_NAME, BOT_NAME_RULE, isBuiltInStrategy, isModuleRef, listBuiltInStrategies, type ManagedBot } from '../../../bots/index.ts';
import type { Principal } from '../../auth/principal.ts';
import { BOT_MANAGER_REFUSALS, botCall, botView as viewOf } from '../../bots/bot-views.ts';
import { DEPOSIT_REFUSALS } from '../../refusal-codes.ts';
import type { ApiContext } from '../../context.ts';
import { performanceView } from '../../performance-views.ts';
import { ApiError } from '../../errors.ts';
import { principalWith, requireScope } from '../authenticate.ts';
import { decimal, idParam, symbol, text } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { botSchema, strategyInfoSchema } from '../../response-schemas.ts';

const tags = ['bots'];
const name = z.string().regex(BOT_NAME, BOT_NAME_RULE);
const params = z.record(z.string(), z.unknown()).describe("The strategy's params (see GET /api/v1/bots/strategies); each has a default");
const symbols = z.array(symbol).min(1).max(50).describe('Symbols the bot trades');

const createBody = z
  .object({
    name: name.describe('Unique among your bots'),
    strategy: text().min(1).max(500).describe('A built-in strategy, or (admins only) the path of a strategy file on the server'),
    params: params.optional(),
    symbols: symbols.optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional().describe('Seeds the bot’s randomness; random when absent'),
    cash: decimal.optional().describe('Starting cash in the risk currency (default 10000)'),
    deposits: z.record(text().min(1).max(12), decimal).optional().describe('Further starting deposits per asset, e.g. a market maker’s inventory {"AAPL": "100"}'),
    start: z.boolean().optional().describe('Start at once (default false)'),
  })
  .strict();

const patchBody = z
  .object({ params: params.optional().describe('Replaces the params as a whole'), symbols: symbols.optional() })
  .strict()
  .refine((body) => body.params !== undefined || body.symbols !== undefined, 'a change needs params, symbols or both');

export function botRoutes(app: ZodApp, ctx: ApiContext): void {
  /** Owners' usernames by user id: a username never changes, so each is read from the store once. */
  const usernames = new Map<number, string>();
  const ownerUsername = async (userId: number): Promise<string> => {
    const known = usernames.get(userId);
    if (known !== undefined) return known;
    const username = (await ctx.store.users.findById(userId))?.username ?? `user ${userId}`;
    usernames.set(userId, username);
    return username;
  };
  /** The bot with its owner's username and its account's lifetime figures from the leaderboard. */
  const botView = async (bot: ManagedBot) => {
    const owner = await ownerUsername(bot.ownerUserId);
    const stats = ctx.leaderboard.valued(bot.accountId);
    if (!stats) return viewOf(ctx.format, bot, owner, null);
    const { equity, returnPercent, trades } = performanceView(ctx.format, stats);
    return viewOf(ctx.format, bot, owner, { equity, returnPercent, trades });
  };
  /** The caller's bot; someone else's is indistinguishable from a missing one, unless the caller is an admin. */
  const owned = (principal: Principal, id: number): ManagedBot => {
    const bot = ctx.bots.get(id);
    if (!bot || (bot.ownerUserId !== principal.userId && principal.role !== 'admin')) throw new ApiError('NOT_FOUND', 'You have no bot with that id.');
    return bot;
  };

  app.get('/api/v1/bots/strategies', { onRequest: requireScope('read'), config: { responses: { 200: z.object({ strategies: z.array(strategyInfoSchema) }) } }, schema: { tags, summary: 'The built-in strategies with their params as JSON Schema' } }, () => {
    return { strategies: listBuiltInStrategies() };
  });

  app.get('/api/v1/bots', { onRequest: requireScope('read'), config: { responses: { 200: z.object({ bots: z.array(botSchema) }) } }, schema: { tags, summary: 'Your bots (admins: every bot) with their live status' } }, async (request) => {
    const principal = principalWith(request, 'read');
    const bots = principal.role === 'admin' ? ctx.bots.list() : ctx.bots.list({ ownerUserId: principal.userId });
    return { bots: await Promise.all(bots.map((bot) => botView(bot))) };
  });

  app.post(
    '/api/v1/bots',
    { onRequest: requireScope('trade'), config: { success: { 201: 'The new bot' }, responses: { 201: botSchema }, refusals: [...BOT_MANAGER_REFUSALS, ...DEPOSIT_REFUSALS] }, schema: { tags, summary: 'Create a bot: its own user and account, funded, trading the strategy on the symbols', body: createBody } },
    async (request, reply) => {
      const principal = principalWith(request, 'trade');
      const body = request.body;
      // A strategy file is code the server imports: only admins may name one.
      if (!isBuiltInStrategy(body.strategy) && isModuleRef(body.strategy) && principal.role !== 'admin') throw new ApiError('FORBIDDEN', 'Only an admin may run a strategy file; name a built-in strategy.');
      // A trader's bots are capped (the manager counts creates in flight, so parallel requests cannot pass it); admins' are not.
      const deposits = body.deposits && Object.fromEntries(Object.entries(body.deposits).map(([asset, amount]) => [asset, String(amount)]));
      const bot = await botCall(() =>
        ctx.bots.create({ ownerUserId: principal.userId, name: body.name, strategy: body.strategy, params: body.params, symbols: body.symbols, seed: body.seed, cash: body.cash === undefined ? undefined : String(body.cash), deposits, start: body.start, capped: principal.role !== 'admin' }),
      );
      return reply.status(201).send(await botView(bot));
    },
  );

  app.get('/api/v1/bots/:id', { onRequest: requireScope('read'), config: { responses: { 200: botSchema }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'A bot with its live status: state, heartbeat, orders per second, P&L, errors', params: idParam } }, (request) => {
    return botView(owned(principalWith(request, 'read'), request.params.id));
  });

  app.patch('/api/v1/bots/:id', { onRequest: requireScope('trade'), config: { responses: { 200: botSchema }, refusals: BOT_MANAGER_REFUSALS }, schema: { tags, summary: 'Change params and/or symbols; a running bot restarts with them', params: idParam, body: patchBody } }, async (request) => {
    const bot = owned(principalWith(request, 'trade'), request.params.id);
    return botView(await botCall(() => ctx.bots.configure(bot.id, request.body)));
  });

  app.delete('/api/v1/bots/:id', { onRequest: requireScope('trade'), config: { success: { 204: 'The bot is deleted; no body' }, refusals: BOT_MANAGER_REFUSALS }, schema: { tags, summary: 'Stop and delete a bot; its account stays (and on the leaderboard)', params: idParam } }, async (request, reply) => {
    const bot = owned(principalWith(request, 'trade'), request.params.id);
    await botCall(() => ctx.bots.delete(bot.id));
    return reply.status(204).send();
  });

  app.post('/api/v1/bots/:id/start', { onRequest: requireScope('trade'), config: { responses: { 200: botSchema }, refusals: BOT_MANAGER_REFUSALS }, schema: { tags, summary: 'Start a bot (it also starts again after a server restart)', params: idParam } }, async (request) => {
    const bot = owned(principalWith(request, 'trade'), request.params.id);
    return botView(await botCall(() => ctx.bots.start(bot.id)));
  });

  app.post('/api/v1/bots/:id/stop', { onRequest: requireScope('trade'), config: { responses: { 200: botSchema }, refusals: BOT_MANAGER_REFUSALS }, schema: { tags, summary: 'Stop a bot: its onStop runs (a market maker cancels its quotes)', params: idParam } }, async (request) => {
    const bot = owned(principalWith(request, 'trade'), request.params.id);
    return botView(await botCall(() => ctx.bots.stop(bot.id)));
  });
}
