import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InstrumentSpec } from '../../core/instrument.ts';
import type { MarketRecord } from '../types.ts';
import { liveRecords } from './live-records.ts';

const SPEC: InstrumentSpec = { symbol: 'S1', base: 'S1', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 1000 };
const servers: WebSocketServer[] = [];

/** A feed that sends one book snapshot on subscribe, then does what `after` says with the connection. */
async function feed(after: (socket: WebSocket) => void): Promise<string> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  server.on('connection', (socket) => {
    socket.on('message', () => {
      socket.send(JSON.stringify({ channel: 'book:S1', type: 'snapshot', data: { seq: 1, bids: [['99.5', '3']], asks: [['100.5', '2']] } }));
      after(socket);
    });
  });
  await once(server, 'listening');
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('live records', () => {
  it('ends with what it heard and says why when the server drops the connection', async () => {
    const url = await feed((socket) => setTimeout(() => socket.close(1001, 'going away'), 20));
    const lost: string[] = [];
    const heard: MarketRecord[] = [];
    for await (const record of liveRecords({ url, spec: SPEC, onLost: (why) => lost.push(why) }, new AbortController().signal)) heard.push(record);
    expect(heard).toMatchObject([{ kind: 'book', snapshot: true, bids: [[9950, 3]], asks: [[10050, 2]] }]);
    expect(lost).toEqual([`the connection to ${url} was lost (close code 1001: going away)`]);
  });

  it('says nothing of a loss when the caller stops it', async () => {
    const url = await feed(() => undefined);
    const stop = new AbortController();
    const lost: string[] = [];
    for await (const record of liveRecords({ url, spec: SPEC, onLost: (why) => lost.push(why) }, stop.signal)) if (record.kind === 'book') stop.abort();
    expect(lost).toEqual([]);
  });

  it('fails when it cannot connect at all', async () => {
    const records = liveRecords({ url: 'ws://127.0.0.1:1/ws', spec: SPEC }, new AbortController().signal);
    await expect(records.next()).rejects.toThrow(/^feed ws:\/\/127\.0\.0\.1:1\/ws: connect ECONNREFUSED/);
  });
});
