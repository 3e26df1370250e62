// The strategy SDK's public surface: define a strategy, run it over ports, indicators, and the port contract.
//
// loadStrategy lives in ./load-strategy.ts (it needs node:*) and is not re-exported here, so that
// strategy files importing this module stay free of Node-only code.
export { checkParamNames, defineStrategy, isStrategyDefinition, paramNames, parseDeclaredParams, parseParams, StrategyParamsError, STRATEGY_KIND } from './define-strategy.ts';
export type { AnyStrategyDefinition, StrategyDefinition, StrategyHandlers, StrategySpec } from './define-strategy.ts';
export { StrategyRunner } from './runtime.ts';
export type { FailureInfo, RunnerOptions, RunnerState, RunnerStatus } from './runtime.ts';
export { ATR, BollingerBands, EMA, MACD, RSI, SMA, VWAP } from './indicators.ts';
export type { Candle, Indicator, PriceInput, VolumeInput } from './indicators.ts';
export { consoleSink, memorySink } from './log.ts';
export type * from './types.ts';
export type * from './ports.ts';
export * from './algos/index.ts';
export { z } from 'zod';
