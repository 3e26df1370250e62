// Built-in bots and the worker pool that runs them: everything src/api and the CLI need from src/bots.
export { BotPool } from './pool/bot-pool.ts';
export { BotBuildError, isModuleRef } from './pool/build-runner.ts';
export { wallClock } from './pool/clock.ts';
export { UnknownBotError } from './pool/types.ts';
export type { BackoffOptions, BotError, BotPnl, BotPoolOptions, BotPortFactory, BotPorts, BotRefusal, BotSpec, BotState, BotStatus, MarketDataPort, WorkerInfo } from './pool/types.ts';
export type { HostMessage, PortRequest, RunReport, WorkerMessage } from './pool/protocol.ts';
export { BUILT_IN_STRATEGIES, isBuiltInStrategy, listBuiltInStrategies } from './strategies/registry.ts';
export type { BuiltInStrategyName, JsonSchema, StrategyInfo } from './strategies/registry.ts';
export { BotManager } from './manager/bot-manager.ts';
export { BOT_NAME, BOT_NAME_RULE, BotManagerError } from './manager/types.ts';
export type { BotAccounts, BotChanges, BotErrorCode, BotManagerOptions, BotRegistry, CreateBotInput, DesiredState, Funding, ManagedBot, NewStoredBot, StoredBot } from './manager/types.ts';
