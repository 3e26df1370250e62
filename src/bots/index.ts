// Built-in bots and the worker pool that runs them: everything src/api and the CLI need from src/bots.
export { BotPool } from './pool/bot-pool.ts';
export { BotBuildError } from './pool/build-runner.ts';
export { wallClock } from './pool/clock.ts';
export { UnknownBotError } from './pool/types.ts';
export type { BackoffOptions, BotError, BotPnl, BotPoolOptions, BotPortFactory, BotPorts, BotSpec, BotState, BotStatus, WorkerInfo } from './pool/types.ts';
export type { HostMessage, PortRequest, RunReport, WorkerMessage } from './pool/protocol.ts';
export { BUILT_IN_STRATEGIES, isBuiltInStrategy, listBuiltInStrategies } from './strategies/registry.ts';
export type { BuiltInStrategyName, JsonSchema, StrategyInfo } from './strategies/registry.ts';
