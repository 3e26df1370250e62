// The listed instruments and assets a trading view needs to format and check numbers (tick, lot, scale), loaded once per screen.
import { useMemo } from 'react';
import { useApi } from '../../hooks/use-api.ts';
import { api, type ApiError, type Asset, type Instrument } from '../../lib/api.ts';

export interface ReferenceData {
  readonly instruments: readonly Instrument[];
  readonly bySymbol: ReadonlyMap<string, Instrument>;
  readonly assets: readonly Asset[];
  readonly scales: ReadonlyMap<string, number>;
}

export function useReferenceData(): { readonly data: ReferenceData | undefined; readonly error: ApiError | undefined; readonly retry: () => void } {
  const instruments = useApi((signal) => api.get<{ instruments: Instrument[] }>('/api/v1/instruments', undefined, signal), []);
  const assets = useApi((signal) => api.get<{ assets: Asset[] }>('/api/v1/assets', undefined, signal), []);
  const data = useMemo<ReferenceData | undefined>(() => {
    if (!instruments.data || !assets.data) return undefined;
    return {
      instruments: instruments.data.instruments,
      bySymbol: new Map(instruments.data.instruments.map((i) => [i.symbol, i])),
      assets: assets.data.assets,
      scales: new Map(assets.data.assets.map((a) => [a.code, a.scale])),
    };
  }, [instruments.data, assets.data]);
  return {
    data,
    error: instruments.error ?? assets.error,
    retry: () => void Promise.all([instruments.refetch(), assets.refetch()]),
  };
}

/** "All symbols" and every listed symbol, for the filters. */
export function symbolOptions(reference: ReferenceData) {
  return [{ value: '', label: 'All symbols' }, ...reference.instruments.map((i) => ({ value: i.symbol, label: i.symbol }))];
}
