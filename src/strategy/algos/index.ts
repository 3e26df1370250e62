// Execution algorithms for strategies: TWAP, VWAP, pegged, iceberg, smart order routing, stops, and the runner that drives them.
export { AlgoRunner } from './runner.ts';
export type { AlgoRunnerOptions } from './runner.ts';
export { PRIMARY_VENUE } from './base.ts';
export { Twap, type TwapOptions } from './twap.ts';
export { unboundedProfile, Vwap, type LearnedProfile, type VwapOptions } from './vwap.ts';
export type { PlannedSlice, SliceOptions, SliceStatus } from './sliced.ts';
export { Peg, type PegOptions, type PegStatus } from './peg.ts';
export { Iceberg, type IcebergOptions, type IcebergStatus } from './iceberg.ts';
export { SmartRouter, type RouteLeg, type RouteOptions, type RouteStatus } from './sor.ts';
export { Stop, TrailingStop, type StopOptions, type TrailingStopOptions } from './stops.ts';
export { contextVenue, SimVenue, type RouteVenue, type SimQuote, type SimVenueOptions, type VenueFill, type VenueOrder, type VenueQuote, type VenueResult } from './venues.ts';
export { allocate } from './grid.ts';
export type { Algo, AlgoContext, AlgoFill, AlgoOrder, AlgoResume, AlgoState, AlgoStatus, DoneListener, FillListener, AlgoRefusal, ParamProblem, StartResult } from './types.ts';
