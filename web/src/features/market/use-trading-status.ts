// A symbol's trading status, live: from GET /api/v1/instruments, then from `status:SYM` as an admin halts or resumes it.
import { useCallback, useState } from 'react';
import { useChannel } from '../../hooks/use-channel.ts';
import { api, type Instrument, type InstrumentStatus, type TradingStatus } from '../../lib/api.ts';

export interface TradingStatusState {
  readonly status: TradingStatus;
  readonly reason: string | null;
}

/** Starts from the instrument as listed; the channel's changes follow, and a resync reads the list again so none is missed. */
export function useTradingStatus(instrument: Instrument): TradingStatusState {
  const symbol = instrument.symbol;
  const [state, setState] = useState<TradingStatusState>({ status: instrument.status, reason: instrument.statusReason });
  const load = useCallback(async () => {
    const { instruments } = await api.get<{ instruments: Instrument[] }>('/api/v1/instruments');
    const listed = instruments.find((i) => i.symbol === symbol);
    if (listed) setState({ status: listed.status, reason: listed.statusReason });
  }, [symbol]);
  useChannel<InstrumentStatus>(`status:${symbol}`, {
    onMessage: (message) => {
      if (message.type === 'status') setState({ status: message.data.status, reason: message.data.reason });
    },
    onResync: () => void load().catch(() => undefined),
  });
  return state;
}
