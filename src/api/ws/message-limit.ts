// The WebSocket class of the gateway's connections: a message over the size limit is refused in words, not only by close code.
import { WebSocket } from 'ws';
import { errorBody } from '../errors.ts';
import { CLOSE } from './connection.ts';

/**
 * ws refuses a message longer than its `maxPayload` as soon as a frame header gives the length
 * (nothing of it is buffered) and calls `close(1009)` with no reason. This class sends an error
 * message first and gives the close a reason, so a client learns what went wrong and the limit.
 */
export function socketWithMessageLimit(maxMessageBytes: number): typeof WebSocket {
  return class extends WebSocket {
    override close(code?: number, data?: string | Buffer): void {
      if (code === CLOSE.tooBig && data === undefined && this.readyState === WebSocket.OPEN) {
        const body = errorBody('PAYLOAD_TOO_LARGE', `A message may be at most ${maxMessageBytes} bytes; this connection is closed.`, { maxBytes: maxMessageBytes });
        this.send(JSON.stringify({ type: 'error', ...body }));
        super.close(code, `message over ${maxMessageBytes} bytes`);
        return;
      }
      super.close(code, data);
    }
  };
}
