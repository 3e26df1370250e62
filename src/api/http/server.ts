// The HTTP server: Fastify with validation, auth, limits, security headers, OpenAPI docs, metrics and the routes.
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { maxHeaderSize } from 'node:http';
import type { ApiContext } from '../context.ts';
import { echo } from '../echo.ts';
import { ApiError, errorBody, handleError } from '../errors.ts';
import { registerAuthentication } from './authenticate.ts';
import type { ProxyTrust } from './client-address.ts';
import { answerClientError, answerFrameworkError } from './framework-errors.ts';
import { readJsonBodiesOnly } from './json-body.ts';
import { openApiDocumentTransform, openApiTransform } from './openapi.ts';
import { registerRateLimit } from './rate-limit.ts';
import { addressKey, callerKey } from '../request-limit.ts';
import { deferredChildLogger } from './request-logger.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { SignInLimits, type SignInLimitsConfig } from './sign-in-limits.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { algoRoutes } from './routes/algo-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { backtestRoutes } from './routes/backtest-routes.ts';
import { botRoutes } from './routes/bot-routes.ts';
import { keyRoutes } from './routes/key-routes.ts';
import { marketRoutes } from './routes/market-routes.ts';
import { orderRoutes } from './routes/order-routes.ts';
import { leaderboardRoutes } from './routes/leaderboard-routes.ts';
import { instrumentAdminRoutes } from './routes/instrument-admin-routes.ts';
import { riskAdminRoutes } from './routes/risk-admin-routes.ts';
import { riskRoutes } from './routes/risk-routes.ts';
import { siteRoutes } from './routes/site-routes.ts';
import { preflightRefusalAsJson } from './preflight-refusal.ts';
import { keepStaticPathsOutOfParameters } from './static-paths.ts';
import { refuseStrayBodies } from './stray-body.ts';
import { refuseStrayQueries } from './stray-query.ts';
import type { ZodApp } from './zod-app.ts';

export interface HttpOptions {
  readonly logger: FastifyBaseLogger;
  /** Origins allowed by CORS; empty allows none (same-origin only), ['*'] allows any. */
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  readonly version: string;
  /** How long a client may take to send a whole request, headers and body, before it is answered 408. */
  readonly requestTimeoutMs: number;
  /** Limits on guessing passwords and on registrations, per address. */
  readonly signIn?: SignInLimitsConfig;
  /** Whether anyone may register (open, the default) or only an admin creates users (closed). */
  readonly registration?: 'open' | 'closed';
  /** Which proxies in front of the server to believe about the client's address (see proxyTrust); none when undefined. */
  readonly trustProxy?: ProxyTrust;
}

export async function buildHttpServer(ctx: ApiContext, options: HttpOptions): Promise<ZodApp> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Refusals and failures are logged by the onResponse hook below; one line per request would drown them.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: deferredChildLogger,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    // A path parameter may be as long as a request line can be, so a long unlisted symbol reaches its
    // route and is told UNKNOWN_SYMBOL rather than that no route matches (the default bound is 100).
    routerOptions: { maxParamLength: maxHeaderSize },
    // Refusals before any route runs (bad URL, oversized headers, bytes that are not HTTP, a slow request) in the one error shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    requestTimeout: options.requestTimeoutMs,
    http: {
      // Node looks for late requests on this interval (30 s by default), so a short timeout needs a shorter one.
      connectionsCheckingInterval: Math.min(30_000, Math.max(10, Math.floor(options.requestTimeoutMs / 4))),
      // Given to Node when the server is made: set afterwards (as Fastify sets requestTimeout), a body
      // that stalls after its headers was cut off only at the 60 s headers timeout.
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: Math.min(60_000, options.requestTimeoutMs),
      // Node answers a request without Host with a bare 400; it is refused below in the one error shape.
      requireHostHeader: false,
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  refuseStrayQueries(app);
  refuseStrayBodies(app);
  readJsonBodiesOnly(app);
  app.setErrorHandler(handleError);
  const noRoute = (request: FastifyRequest, reply: FastifyReply): void => void reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${echo(request.url.split('?')[0]!)}.`));
  keepStaticPathsOutOfParameters(app, noRoute);
  app.setNotFoundHandler(noRoute);

  // Hooks on every request are callback-style: an async hook costs each request a promise and a turn.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    if (request.headers.host !== undefined || request.raw.httpVersion !== '1.1') return done();
    // No Host (Node's own bare 400 is turned off above): refused as the other malformed requests are, closing the connection.
    void reply.header('connection', 'close');
    done(new ApiError('MALFORMED_REQUEST', 'An HTTP/1.1 request needs a Host header.'));
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpRequests.child(route, request.method, reply.statusCode).inc();
    ctx.metrics.httpSeconds.child(route, request.method).observe(reply.elapsedTime / 1000);
    // A 503 is a refusal (shutting down, or a failed journal, which the exchange logs once), not a fault of this request.
    if (reply.statusCode >= 500 && reply.statusCode !== 503) request.log.error({ route, status: reply.statusCode }, 'request failed');
    else if (reply.statusCode >= 400) request.log.info({ route, status: reply.statusCode, method: request.method }, 'request refused');
    done();
  });

  // The docs page and the dashboard load their own scripts and styles only.
  registerSecurityHeaders(app, {
    // Self-hosted over plain HTTP is normal (localhost, behind a TLS proxy), so nothing forces https here.
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'", 'ws:', 'wss:'], upgradeInsecureRequests: null },
    },
    strictTransportSecurity: false,
  });
  preflightRefusalAsJson(app);
  await app.register(cors, {
    origin: options.corsOrigins.includes('*') ? true : [...options.corsOrigins],
    credentials: false,
    // Every method a route takes (the plugin's default leaves out PUT, PATCH and DELETE: cancel, replace, limits).
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // What a page's script may read besides the simple headers: the request id, and when to come back.
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    // Browsers keep a preflight's answer this many seconds instead of asking before every request.
    maxAge: 600,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Bourse API', version: options.version, description: 'Trading, accounts and market data. Amounts, prices and quantities are decimal strings.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKeyId: { type: 'apiKey', in: 'header', name: 'X-Bourse-Key-Id' },
          apiKeySecret: { type: 'apiKey', in: 'header', name: 'X-Bourse-Key-Secret' },
        },
      },
      security: [{ bearer: [] }, { apiKeyId: [], apiKeySecret: [] }],
    },
    transform: openApiTransform,
    transformObject: openApiDocumentTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerAuthentication(app, ctx.auth, ctx.keys, ctx.requests);
  // Commands are answered once durable; a read first waits for the read models and feeds to take in
  // everything answered before it, so an order can always be read back right after its answer.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method !== 'GET') return done();
    ctx.exchange.settled().then(() => done(), done);
  });
  // After authentication and each route's guards, so the limit follows the user or the key rather than the address.
  registerRateLimit(app, {
    limit: ctx.requests,
    keyOf: (request) => (request.principal ? callerKey(request.principal) : addressKey(request.ip)),
  });

  authRoutes(app, ctx, { limits: new SignInLimits(options.signIn), registration: options.registration ?? 'open' });
  accountRoutes(app, ctx);
  orderRoutes(app, ctx);
  marketRoutes(app, ctx);
  keyRoutes(app, ctx);
  adminRoutes(app, ctx);
  riskRoutes(app, ctx);
  riskAdminRoutes(app, ctx);
  instrumentAdminRoutes(app, ctx);
  leaderboardRoutes(app, ctx);
  botRoutes(app, ctx);
  algoRoutes(app, ctx);
  backtestRoutes(app, ctx);
  siteRoutes(app, ctx);
  return app;
}
