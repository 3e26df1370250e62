// Backtests and optimizations over REST: what can be run (strategies, data), start a run on a worker thread, follow its progress, read its results, cancel it.
import type { FastifyError, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MarketHistoryRepo } from '../../../store/index.ts';
import { backtestRequest, optimizationRequest } from '../../backtests/backtest-spec.ts';
import { dataCatalog } from '../../backtests/data-catalog.ts';
import { planBacktest, planOptimization, type PlanDeps, type RunKind } from '../../backtests/run-plan.ts';
import { listBacktestStrategies } from '../../backtests/strategy-catalog.ts';
import type { ApiContext } from '../../context.ts';
import { ApiError, validationDetails, type ErrorCode } from '../../errors.ts';
import { describeIssues } from '../../../core/field-issues.ts';
import { principalWith, requireScope } from '../authenticate.ts';
import { idParam } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { RUN_REFUSALS } from '../../refusal-codes.ts';
import { backtestStrategySchema, dataCatalogSchema, runSchema, runWithResultSchema } from '../../response-schemas.ts';

const tags = ['backtests'];

/** The body, or the request's own 400 code (INVALID_BACKTEST, INVALID_OPTIMIZATION) with every problem in details. */
function validBody<T>(request: FastifyRequest & { body: T }, code: ErrorCode): T {
  const failure = request.validationError;
  if (!failure) return request.body;
  const details = validationDetails(failure as FastifyError, request) ?? [];
  const problems = describeIssues(details);
  throw new ApiError(code, `The request is invalid: ${problems || failure.message}`, details);
}

export function backtestRoutes(app: ZodApp, ctx: ApiContext): void {
  const history = new MarketHistoryRepo(ctx.store.db, ctx.store.reader);
  const deps: PlanDeps = {
    engine: { instrument: (symbol) => ctx.exchange.engine.instrument(symbol), asset: (code) => ctx.exchange.engine.asset(code) },
    sessionCloseOf: (symbol) => ctx.exchange.sessions.closeOf(symbol),
    history,
    optimizerWorkers: ctx.backtests.optimizerWorkers,
  };

  app.get('/api/v1/backtests/strategies', { onRequest: requireScope('read'), config: { responses: { 200: z.object({ strategies: z.array(backtestStrategySchema) }) } }, schema: { tags, summary: 'Strategies you can backtest: the built-ins and the examples, with their params as JSON Schema and as form fields' } }, async () => {
    return { strategies: await listBacktestStrategies() };
  });

  app.get('/api/v1/backtests/data', { onRequest: requireScope('read'), config: { responses: { 200: dataCatalogSchema } }, schema: { tags, summary: 'Data you can backtest on: stored history (symbols, kinds, time ranges, counts), the listed instruments, and synthetic data settings' } }, async () => {
    return dataCatalog({ instruments: () => ctx.exchange.engine.instruments(), history });
  });

  const runRoutes = (kind: RunKind, path: string, plural: string) => {
    const one = (request: FastifyRequest & { params: { id: number } }, scope: 'read' | 'trade') => ({ principal: principalWith(request, scope), id: request.params.id });

    app.get(path, { onRequest: requireScope('read'), config: { responses: { 200: z.object({ [plural]: z.array(runSchema) }) } }, schema: { tags, summary: `Your ${plural} (admins: everyone's), newest first, with status and progress` } }, (request) => {
      return { [plural]: ctx.backtests.list(principalWith(request, 'read'), kind) };
    });

    app.get(`${path}/:id`, { onRequest: requireScope('read'), config: { responses: { 200: runWithResultSchema }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: `One ${kind}: status, progress (done, total, ETA), stored rows skipped as off the instrument's grid (skippedRows) and, once done, its results`, params: idParam } }, (request) => {
      const { principal, id } = one(request, 'read');
      return ctx.backtests.get(principal, kind, id);
    });

    app.delete(`${path}/:id`, { onRequest: requireScope('trade'), config: { success: { 200: `The cancelled ${kind}`, 204: `A finished ${kind} is forgotten; no body` }, responses: { 200: runSchema }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: `Cancel a queued or running ${kind} (200 with it), or forget a finished one (204)`, params: idParam } }, async (request, reply) => {
      const { principal, id } = one(request, 'trade');
      const cancelled = await ctx.backtests.cancel(principal, kind, id);
      return cancelled ? cancelled : reply.status(204).send();
    });
  };

  app.post(
    '/api/v1/backtests',
    { onRequest: requireScope('trade'), attachValidation: true, config: { success: { 202: 'The queued backtest with its id' }, responses: { 202: runSchema }, refusals: ['INVALID_BACKTEST', ...RUN_REFUSALS] }, schema: { tags, summary: 'Start a backtest on a worker thread: 202 with its id; poll GET /api/v1/backtests/{id}', body: backtestRequest } },
    async (request, reply) => {
      const principal = principalWith(request, 'trade');
      const plan = await planBacktest(deps, validBody(request, 'INVALID_BACKTEST'));
      return reply.status(202).send(ctx.backtests.submit(principal, plan));
    },
  );

  app.post(
    '/api/v1/optimizations',
    { onRequest: requireScope('trade'), attachValidation: true, config: { success: { 202: 'The queued optimization with its id' }, responses: { 202: runSchema }, refusals: ['INVALID_OPTIMIZATION', ...RUN_REFUSALS] }, schema: { tags, summary: "Start an optimization (grid or random search over the strategy's params, optionally walk-forward): 202 with its id", body: optimizationRequest } },
    async (request, reply) => {
      const principal = principalWith(request, 'trade');
      const plan = await planOptimization(deps, validBody(request, 'INVALID_OPTIMIZATION'));
      return reply.status(202).send(ctx.backtests.submit(principal, plan));
    },
  );

  runRoutes('backtest', '/api/v1/backtests', 'backtests');
  runRoutes('optimization', '/api/v1/optimizations', 'optimizations');
}
