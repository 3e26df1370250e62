// Risk routes for the caller's account and their bots' accounts (admins: any account via accountId): limits, status, reset, events and history.
import { z } from 'zod';
import { parseLimits, type RiskLimits } from '../../../platform/risk/index.ts';
import { isProblem } from '../../../platform/units.ts';
import type { Principal } from '../../auth/principal.ts';
import type { ApiContext } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { fieldRefusal } from '../../field-refusal.ts';
import { breachesView, limitsView, riskDayView, riskEventView, riskSampleView, riskStatusView, stillBreachedMessage } from '../../risk-views.ts';
import { principalWith, requireScope } from '../authenticate.ts';
import { decimal, optionalBody, page, ranged, text, timeRange, wholeNumber } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { pageSchema, riskDaySchema, riskEventSchema, riskLimitsSchema, riskSampleSchema, riskStatusSchema } from '../../response-schemas.ts';
import { LIMITS_REFUSALS } from '../../refusal-codes.ts';
import { pageOf } from './paging.ts';
import { audit } from '../audit.ts';

const tags = ['risk'];
/** Account ids are 32-bit in every store. */
export const MAX_ACCOUNT_ID = 2 ** 31 - 1;

const limitValue = decimal.nullable().optional();
/** A whole layer of limits; an absent or null field is not limited by this layer. */
export const limitsInput = z
  .object({
    maxGrossExposure: limitValue.describe('Largest gross exposure, in the risk currency'),
    maxNetExposure: limitValue.describe('Largest net exposure (either way), in the risk currency'),
    maxDailyLoss: limitValue.describe('Largest loss since the start of the UTC day, net of that day’s deposits and withdrawals'),
    maxDrawdownPct: limitValue.describe('Largest fall from the high-water mark, in percent (two decimals)'),
    maxOrdersPerSecond: limitValue.describe('Most orders in any one second (an OCO counts two, a bracket three)'),
  })
  .strict();

const accountQuery = { accountId: wholeNumber(0, MAX_ACCOUNT_ID).optional().describe("One of your bots' accounts; admins: any account") };

export function actorOf(principal: Principal) {
  return { userId: principal.userId, admin: principal.role === 'admin' };
}

/** A body of limits in internal units, or a 400 naming every bad value, each in details. */
export function limitsFrom(ctx: ApiContext, body: z.infer<typeof limitsInput>): RiskLimits {
  const limits = parseLimits(body, ctx.risk.currency);
  if (isProblem(limits)) throw fieldRefusal(limits);
  return limits;
}

export function riskRoutes(app: ZodApp, ctx: ApiContext): void {
  /**
   * The caller's own accounts: their own, and those of the bots they own (each bot trades as a user
   * of its own, so without this nobody but an admin could see or reset a bot's risk).
   */
  const owns = (principal: Principal, accountId: number): boolean => accountId === principal.accountId || ctx.bots.list({ ownerUserId: principal.userId }).some((bot) => bot.accountId === accountId);
  /** Someone else's account is indistinguishable from a missing one, unless the caller is an admin (`anyForAdmin`). */
  const target = (principal: Principal, accountId: number | undefined, anyForAdmin = true): number => {
    const id = accountId ?? principal.accountId;
    if (!owns(principal, id) && !(anyForAdmin && principal.role === 'admin')) throw new ApiError('NOT_FOUND', 'You have no account with that id.');
    if (!ctx.exchange.engine.hasAccount(id) || id === 0) throw new ApiError('NOT_FOUND', 'There is no account with that id.');
    return id;
  };
  const status = (accountId: number) => riskStatusView(ctx.risk.status(accountId)!, ctx.risk.currency);

  app.get('/api/v1/risk/limits', { onRequest: requireScope('read'), config: { responses: { 200: riskLimitsSchema }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Risk limits of your account: each layer and what binds', querystring: z.object(accountQuery).strict() } }, (request) => {
    return limitsView(ctx.risk, target(principalWith(request, 'read'), request.query.accountId));
  });

  app.put(
    '/api/v1/risk/limits',
    {
      onRequest: requireScope('trade'),
      config: { responses: { 200: riskLimitsSchema }, refusals: [...LIMITS_REFUSALS, 'NOT_FOUND'] },
      schema: {
        tags,
        summary: "Replace your own limits, or one of your bots' (they can only tighten what an admin set)",
        // An admin sets another account's limits in its admin layer (/api/v1/admin/risk/limits/account/{id}), not in its owner's.
        querystring: z.object({ accountId: accountQuery.accountId.describe("One of your bots' accounts") }).strict(),
        body: limitsInput,
      },
    },
    async (request) => {
      const principal = principalWith(request, 'trade');
      const accountId = target(principal, request.query.accountId, false);
      await ctx.risk.setAccountLimits('self', accountId, limitsFrom(ctx, request.body), actorOf(principal));
      return limitsView(ctx.risk, accountId);
    },
  );

  app.get('/api/v1/risk/status', { onRequest: requireScope('read'), config: { responses: { 200: riskStatusSchema }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Equity, exposure, daily P&L, drawdown and the kill switch, valued now', querystring: z.object(accountQuery).strict() } }, (request) => {
    return status(target(principalWith(request, 'read'), request.query.accountId));
  });

  app.post(
    '/api/v1/risk/reset',
    {
      onRequest: requireScope('trade'),
      config: { responses: { 200: z.object({ reset: z.boolean().describe('Whether the kill switch was on'), status: riskStatusSchema }) }, refusals: ['NOT_FOUND', 'RISK_LIMIT_BREACHED'] },
      schema: {
        tags,
        summary: 'Turn the kill switch off once no limit is breached',
        body: optionalBody(z.object({ ...accountQuery, rebaseHighWaterMark: z.boolean().optional().describe('Admins only: restart the drawdown from the current equity') }).strict()),
      },
    },
    async (request) => {
      const principal = principalWith(request, 'trade');
      const accountId = target(principal, request.body.accountId);
      if (request.body.rebaseHighWaterMark && principal.role !== 'admin') throw new ApiError('FORBIDDEN', 'Only an admin may move the high-water mark.');
      const outcome = await ctx.risk.reset(accountId, actorOf(principal), { rebaseHighWaterMark: request.body.rebaseHighWaterMark });
      if (!outcome.ok && 'heldByAdmin' in outcome) throw new ApiError('FORBIDDEN', 'An admin turned the kill switch on; only an admin can turn it off.');
      if (!outcome.ok) {
        throw new ApiError('RISK_LIMIT_BREACHED', stillBreachedMessage(outcome.breaches), { breaches: breachesView(outcome.breaches, ctx.risk.currency) });
      }
      audit(request, 'kill switch reset', { accountId, wasOn: outcome.wasActive });
      return { reset: outcome.wasActive, status: status(accountId) };
    },
  );

  app.post(
    '/api/v1/risk/kill-switch',
    {
      onRequest: requireScope('trade'),
      config: { responses: { 200: z.object({ turnedOn: z.boolean().describe('False when it was on already'), status: riskStatusSchema }) }, refusals: ['NOT_FOUND'] },
      schema: {
        tags,
        summary: 'Turn the kill switch on by hand: cancels every open order and blocks new ones but for sells that reduce a position',
        body: optionalBody(z.object({ ...accountQuery, note: text().max(200).optional().describe('Why, for the risk event log') }).strict()),
      },
    },
    async (request) => {
      const principal = principalWith(request, 'trade');
      const accountId = target(principal, request.body.accountId);
      // A bot's owner acts as its account's owner; only an admin acts on behalf of an account not theirs (and then holds the switch).
      const outcome = await ctx.risk.turnOn(accountId, actorOf(principal), { onBehalf: !owns(principal, accountId), note: request.body.note });
      audit(request, 'kill switch on', { accountId, wasOn: outcome.wasActive, note: request.body.note ?? null });
      return { turnedOn: !outcome.wasActive, status: status(accountId) };
    },
  );

  app.get('/api/v1/risk/events', { onRequest: requireScope('read'), config: { responses: { 200: pageSchema(riskEventSchema) }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Kill switch trips and resets and limit changes, newest first', querystring: z.object({ ...accountQuery, ...page }).strict() } }, async (request) => {
    const principal = principalWith(request, 'read');
    const accountId = target(principal, request.query.accountId);
    // Event ids are 32-bit in every store, like account ids.
    const result = await pageOf(request, principal.accountId, (cursor) => ctx.risk.store.events.list(accountId, { limit: request.query.limit, cursor }), MAX_ACCOUNT_ID);
    return { items: result.items.map((row) => riskEventView(row, ctx.risk.currency)), nextCursor: result.nextCursor };
  });

  app.get('/api/v1/risk/history', { onRequest: requireScope('read'), config: { responses: { 200: z.object({ accountId: z.number().int(), currency: z.string(), days: z.array(riskDaySchema) }) }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'One row per UTC day: equity range, exposure and drawdown peaks, oldest first', querystring: ranged(z.object({ ...accountQuery, ...timeRange('Days starting') }).strict()) } }, async (request) => {
    const accountId = target(principalWith(request, 'read'), request.query.accountId);
    const days = await ctx.risk.store.history.days(accountId, { from: request.query.from, to: request.query.to });
    return { accountId, currency: ctx.risk.currency.code, days: days.map((row) => riskDayView(row, ctx.risk.currency)) };
  });

  app.get(
    '/api/v1/risk/history/samples',
    { onRequest: requireScope('read'), config: { responses: { 200: pageSchema(riskSampleSchema) }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'The equity and drawdown curve, oldest first', querystring: ranged(z.object({ ...accountQuery, ...timeRange('Samples taken'), ...page }).strict()) } },
    async (request) => {
      const { accountId: asked, from, to, limit } = request.query;
      const principal = principalWith(request, 'read');
      const accountId = target(principal, asked);
      const result = await pageOf(request, principal.accountId, (cursor) => ctx.risk.store.history.samples(accountId, { from, to, limit, cursor }));
      return { items: result.items.map((row) => riskSampleView(row, ctx.risk.currency)), nextCursor: result.nextCursor };
    },
  );
}
