// Per-request loggers made on first use: most requests log nothing, and a pino child with redaction costs every request otherwise.
import type { FastifyBaseLogger, LogLevel } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];

/**
 * Stands in for `parent.child(bindings, options)` and creates that child only when something is
 * logged, so the lines a request writes are exactly the child's (its `reqId` included). Fastify
 * makes a child per request; with redaction configured, pino then runs the bindings through its
 * redaction on every request: a few microseconds and kilobytes of garbage each. Methods live on
 * the prototype, so a request that logs nothing costs one small object.
 */
class DeferredChild implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  private get logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  get level(): LogLevel {
    return (this.made?.level ?? this.options?.level ?? this.parent.level) as LogLevel;
  }

  set level(level: LogLevel) {
    this.logger.level = level;
  }

  fatal(...args: [unknown, ...unknown[]]): void {
    Reflect.apply(this.logger.fatal, this.logger, args);
  }

  error(...args: [unknown, ...unknown[]]): void {
    Reflect.apply(this.logger.error, this.logger, args);
  }

  warn(...args: [unknown, ...unknown[]]): void {
    Reflect.apply(this.logger.warn, this.logger, args);
  }

  info(...args: [unknown, ...unknown[]]): void {
    Reflect.apply(this.logger.info, this.logger, args);
  }

  debug(...args: [unknown, ...unknown[]]): void {
    Reflect.apply(this.logger.debug, this.logger, args);
  }

  trace(...args: [unknown, ...unknown[]]): void {
    Reflect.apply(this.logger.trace, this.logger, args);
  }

  silent(...args: [unknown, ...unknown[]]): void {
    Reflect.apply(this.logger.silent, this.logger, args);
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: the request logger, made when first used. */
export function deferredChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger {
  return new DeferredChild(logger, bindings, options);
}
