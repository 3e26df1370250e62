// Admin risk routes: any account's limits, any strategy's limits, and which strategy an account runs.
import { z } from 'zod';
import { STRATEGY_NAME, formatLimits } from '../../../platform/risk/index.ts';
import type { ApiContext } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { limitsView } from '../../risk-views.ts';
import { principalWith, requireAdmin } from '../authenticate.ts';
import { wholeNumber } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { riskLimitsSchema, strategyLimitsSchema } from '../../response-schemas.ts';
import { LIMITS_REFUSALS } from '../../refusal-codes.ts';
import { MAX_ACCOUNT_ID, actorOf, limitsFrom, limitsInput } from './risk-routes.ts';

const tags = ['admin', 'risk'];
const accountParam = z.object({ id: wholeNumber(1, MAX_ACCOUNT_ID) });
const strategyName = z.string().regex(STRATEGY_NAME, '1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');
const strategyParam = z.object({ name: strategyName });

export function riskAdminRoutes(app: ZodApp, ctx: ApiContext): void {
  const existing = (accountId: number): number => {
    if (!ctx.exchange.engine.hasAccount(accountId)) throw new ApiError('NOT_FOUND', 'There is no account with that id.');
    return accountId;
  };
  const strategyView = (name: string) => ({ name, currency: ctx.risk.currency.code, limits: formatLimits(ctx.risk.strategyLimits(name), ctx.risk.currency) });

  app.get('/api/v1/admin/risk/limits/account/:id', { onRequest: requireAdmin(), config: { responses: { 200: riskLimitsSchema }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Every limit layer of an account and what binds', params: accountParam } }, (request) => {
    return limitsView(ctx.risk, existing(request.params.id));
  });

  app.put(
    '/api/v1/admin/risk/limits/account/:id',
    { onRequest: requireAdmin('trade'), config: { responses: { 200: riskLimitsSchema }, refusals: ['NOT_FOUND', ...LIMITS_REFUSALS] }, schema: { tags, summary: 'Replace the admin limits of an account (they override its strategy’s, field by field)', params: accountParam, body: limitsInput } },
    async (request) => {
      const principal = principalWith(request, 'trade');
      const accountId = existing(request.params.id);
      await ctx.risk.setAccountLimits('account', accountId, limitsFrom(ctx, request.body), actorOf(principal));
      return limitsView(ctx.risk, accountId);
    },
  );

  app.get('/api/v1/admin/risk/limits/strategy/:name', { onRequest: requireAdmin(), config: { responses: { 200: strategyLimitsSchema } }, schema: { tags, summary: 'The limits of a strategy', params: strategyParam } }, (request) => {
    return strategyView(request.params.name);
  });

  app.put(
    '/api/v1/admin/risk/limits/strategy/:name',
    { onRequest: requireAdmin('trade'), config: { responses: { 200: strategyLimitsSchema }, refusals: LIMITS_REFUSALS }, schema: { tags, summary: 'Replace the limits of a strategy; every account running it is checked at once', params: strategyParam, body: limitsInput } },
    async (request) => {
      const principal = principalWith(request, 'trade');
      await ctx.risk.setStrategyLimits(request.params.name, limitsFrom(ctx, request.body), actorOf(principal));
      return strategyView(request.params.name);
    },
  );

  app.put(
    '/api/v1/admin/risk/accounts/:id/strategy',
    { onRequest: requireAdmin('trade'), config: { responses: { 200: riskLimitsSchema }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Name the strategy an account runs (null for none)', params: accountParam, body: z.object({ strategy: strategyName.nullable() }).strict() } },
    async (request) => {
      const accountId = existing(request.params.id);
      await ctx.risk.setStrategy(accountId, request.body.strategy ?? undefined);
      return limitsView(ctx.risk, accountId);
    },
  );
}
