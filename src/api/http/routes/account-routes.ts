// Routes for the caller's money: deposits, withdrawals, balances, holdings, positions and the ledger; plus the compat lookups.
import { z } from 'zod';
import type { Principal } from '../../auth/principal.ts';
import type { ApiContext } from '../../context.ts';
import { echo } from '../../echo.ts';
import { ApiError } from '../../errors.ts';
import { unknownAsset } from '../../field-refusal.ts';
import { holdingsView, positionsView } from '../../position-views.ts';
import { ledgerView } from '../../views.ts';
import { principalWith, requireScope } from '../authenticate.ts';
import { page, text, transferInput, wholeNumber } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { balanceSchema, balancesSchema, holdingSchema, ledgerEntrySchema, pageSchema, positionSchema } from '../../response-schemas.ts';
import { DEPOSIT_REFUSALS, SYMBOL_IN_PATH, WITHDRAWAL_REFUSALS } from '../../refusal-codes.ts';
import { pageOf } from './paging.ts';

const tags = ['account'];
/** One asset of an account, by symbol or asset code: the compat lookup. */
const compatHolding = balanceSchema.omit({ total: true }).extend({ clientId: z.number().int(), securityId: z.string(), qty: z.string().describe('available + held') });

export function accountRoutes(app: ZodApp, ctx: ApiContext): void {
  const balances = (accountId: number) =>
    ctx.exchange.engine.balances(accountId).map((b) => ({
      asset: b.asset,
      available: ctx.format.amount(b.asset, b.available),
      held: ctx.format.amount(b.asset, b.held),
      total: ctx.format.amount(b.asset, b.available + b.held),
    }));

  app.post('/api/v1/account/deposits', { onRequest: requireScope('trade'), config: { success: { 201: 'The balances after the deposit' }, responses: { 201: balancesSchema }, refusals: DEPOSIT_REFUSALS }, schema: { tags, summary: 'Deposit cash or an asset', body: transferInput } }, async (request, reply) => {
    const principal = principalWith(request, 'trade');
    await ctx.trading.deposit(principal, request.body.asset, request.body.amount, request.body.memo);
    return reply.status(201).send({ balances: balances(principal.accountId) });
  });

  app.post('/api/v1/account/withdrawals', { onRequest: requireScope('withdraw'), config: { success: { 201: 'The balances after the withdrawal' }, responses: { 201: balancesSchema }, refusals: WITHDRAWAL_REFUSALS }, schema: { tags, summary: 'Withdraw available cash or an asset', body: transferInput } }, async (request, reply) => {
    const principal = principalWith(request, 'withdraw');
    await ctx.trading.withdraw(principal, request.body.asset, request.body.amount, request.body.memo);
    return reply.status(201).send({ balances: balances(principal.accountId) });
  });

  app.get('/api/v1/account/balances', { onRequest: requireScope('read'), config: { responses: { 200: balancesSchema } }, schema: { tags, summary: 'Available and held amount of every asset' } }, (request) => {
    return { balances: balances(principalWith(request, 'read').accountId) };
  });

  app.get(
    '/api/v1/account/positions',
    { onRequest: requireScope('read'), config: { responses: { 200: z.object({ positions: z.array(positionSchema) }) } }, schema: { tags, summary: 'Positions per symbol at average cost: quantity (a base several symbols trade split between them), cost basis, unrealized P&L at the last price, realized P&L and fees' } },
    async (request) => {
      const accountId = principalWith(request, 'read').accountId;
      const book = await ctx.positions.book(accountId);
      return { positions: positionsView(ctx.exchange.engine, ctx.format, accountId, book) };
    },
  );

  app.get('/api/v1/account/holdings', { onRequest: requireScope('read'), config: { responses: { 200: z.object({ holdings: z.array(holdingSchema) }) } }, schema: { tags, summary: 'Holdings per base asset, valued at the last price of the first symbol listed on it' } }, (request) => {
    return { holdings: holdingsView(ctx.exchange.engine, ctx.format, principalWith(request, 'read').accountId) };
  });

  app.get(
    '/api/v1/account/ledger',
    { onRequest: requireScope('read'), config: { responses: { 200: pageSchema(ledgerEntrySchema) }, refusals: ['UNKNOWN_ASSET'] }, schema: { tags, summary: 'Every balance change, newest first', querystring: z.object({ asset: text().max(12).optional(), ...page }).strict() } },
    async (request) => {
      const principal = principalWith(request, 'read');
      // An asset the exchange does not have is refused, not answered empty, so a mistyped code is told apart from one with no entries.
      const { asset } = request.query;
      if (asset !== undefined && !ctx.exchange.engine.asset(asset)) throw unknownAsset(asset, 'asset');
      const result = await pageOf(request, principal.accountId, (cursor) => ctx.store.ledger.list(principal.accountId, { asset: request.query.asset, limit: request.query.limit, cursor }));
      return { items: result.items.map((e) => ledgerView(ctx.format, e)), nextCursor: result.nextCursor };
    },
  );

  const clientParam = z.object({ clientId: wholeNumber(0, 2 ** 31 - 1) });
  app.get('/balance/:clientId', { onRequest: requireScope('read'), config: { responses: { 200: balancesSchema.extend({ clientId: z.number().int() }) }, refusals: ['NOT_FOUND'] }, schema: { tags: ['compat'], summary: 'Balances of an account (your own, or any for an admin)', params: clientParam } }, (request) => {
    const accountId = ownedAccount(principalWith(request, 'read'), request.params.clientId);
    return { clientId: accountId, balances: balances(accountId) };
  });

  app.get(
    '/holdings/:securityId/:clientId',
    { onRequest: requireScope('read'), config: { responses: { 200: compatHolding }, refusals: ['NOT_FOUND', SYMBOL_IN_PATH] }, schema: { tags: ['compat'], summary: 'One holding of an account (your own, or any for an admin)', params: clientParam.extend({ securityId: text().min(1).describe('A listed symbol or an asset; any other, however long, is UNKNOWN_SYMBOL') }) } },
    (request) => {
      const accountId = ownedAccount(principalWith(request, 'read'), request.params.clientId);
      const id = request.params.securityId;
      const instrument = ctx.exchange.engine.instrument(id);
      const asset = instrument?.base ?? (ctx.exchange.engine.asset(id) ? id : undefined);
      // A security in the path names a resource, so an unknown one is 404, as in the market-data paths.
      if (!asset) {
        const message = `${echo(id)} is neither a listed symbol nor an asset; GET /api/v1/instruments lists the symbols.`;
        throw new ApiError('UNKNOWN_SYMBOL', message, [{ path: 'securityId', message }], 404);
      }
      const balance = ctx.exchange.engine.balance(accountId, asset);
      const available = balance?.available ?? 0;
      const held = balance?.held ?? 0;
      return { clientId: accountId, securityId: id, asset, qty: ctx.format.amount(asset, available + held), available: ctx.format.amount(asset, available), held: ctx.format.amount(asset, held) };
    },
  );

  /** Someone else's account is indistinguishable from a missing one, unless the caller is an admin. */
  function ownedAccount(principal: Principal, accountId: number): number {
    if (accountId !== principal.accountId && principal.role !== 'admin') throw new ApiError('NOT_FOUND', 'You have no account with that id.');
    if (!ctx.exchange.engine.hasAccount(accountId)) throw new ApiError('NOT_FOUND', 'There is no account with that id.');
    return accountId;
  }
}
