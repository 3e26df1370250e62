// The candle intervals the platform builds, stores and serves, in one place for every layer that names them.

export type CandleInterval = '1s' | '1m' | '5m' | '15m' | '1h' | '1d';

export const CANDLE_INTERVALS: readonly CandleInterval[] = ['1s', '1m', '5m', '15m', '1h', '1d'];

export const intervalMs: Readonly<Record<CandleInterval, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

export function isCandleInterval(value: unknown): value is CandleInterval {
  return typeof value === 'string' && Object.hasOwn(intervalMs, value);
}
