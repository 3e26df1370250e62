// useChannel: a WebSocket channel subscription that lives as long as the component (or until the channel name changes).
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { ws, type ChannelMessage, type ConnectionState, type ResyncReason } from '../lib/ws.ts';
import type { ApiError } from '../lib/api.ts';

export interface ChannelHandlers<T> {
  readonly onMessage: (message: ChannelMessage<T>) => void;
  /** Reload REST state here: called once the subscription is confirmed, and again after every reconnect or book gap. */
  readonly onResync?: (reason: ResyncReason) => void;
  readonly onError?: (error: ApiError) => void;
}

/**
 * Subscribes to `channel` (null subscribes to nothing). The handlers may change on every render;
 * the latest ones are always called, and the subscription changes only with the channel name.
 *
 *   useChannel<Ticker>(`ticker:${symbol}`, { onMessage: (m) => setTicker(m.data), onResync: () => void refetch() });
 */
export function useChannel<T = unknown>(channel: string | null, handlers: ChannelHandlers<T>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!channel) return;
    return ws.subscribe<T>(channel, {
      onMessage: (message) => latest.current.onMessage(message),
      onResync: (reason) => latest.current.onResync?.(reason),
      onError: (error) => latest.current.onError?.(error),
    });
  }, [channel]);
}

/**
 * Subscribes to several channels with one set of handlers (e.g. `ticker:SYM` for every listed
 * symbol). Resyncs of the channels that arrive together are reported once.
 */
export function useChannels<T = unknown>(channels: readonly string[], handlers: ChannelHandlers<T>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const key = channels.join('\n');
  useEffect(() => {
    if (!key) return;
    let timer: number | undefined;
    let reason: ResyncReason | undefined;
    const resync = (next: ResyncReason) => {
      // Anything other than a first confirmation means data may have been missed; that one wins.
      reason = reason === undefined || reason === 'subscribed' ? next : reason;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const report = reason;
        reason = undefined;
        if (report) latest.current.onResync?.(report);
      }, 50);
    };
    const stops = key.split('\n').map((name) =>
      ws.subscribe<T>(name, {
        onMessage: (message) => latest.current.onMessage(message),
        onResync: resync,
        onError: (error) => latest.current.onError?.(error),
      }),
    );
    return () => {
      window.clearTimeout(timer);
      stops.forEach((stop) => stop());
    };
  }, [key]);
}

/** The live connection's state, for a status dot. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (notify) => ws.onStateChange(notify),
    () => ws.state,
  );
}
