// The benchmark's peers: Fastify answering a trivial JSON POST (at once, or once the body is appended to a file and fdatasync'ed with
// group commit, as an order's ack waits for the journal), and a ws server acking every message, in one process.
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const app = Fastify();
const path = join(tmpdir(), `bourse-bench-peer-${process.pid}.log`);
const file = await open(path, 'w');

/** Bodies waiting for the next write + fdatasync; one is in flight at a time, the next batch fills meanwhile. */
let waiting: Array<{ line: string; done: () => void }> = [];
let syncing = false;
async function groupCommit(): Promise<void> {
  syncing = true;
  while (waiting.length > 0) {
    const batch = waiting;
    waiting = [];
    await file.write(batch.map((entry) => entry.line).join(''));
    await file.datasync();
    for (const entry of batch) entry.done();
  }
  syncing = false;
}

app.get('/hello', () => ({ hello: 'world' }));
app.post('/echo', (request) => ({ ok: true, body: request.body }));
app.post('/durable-echo', async (request) => {
  await new Promise<void>((done) => {
    waiting.push({ line: `${JSON.stringify(request.body)}\n`, done });
    if (!syncing) void groupCommit();
  });
  return { ok: true, body: request.body };
});
await app.listen({ host: '127.0.0.1', port });
const wss = new WebSocketServer({ server: app.server, path: '/ws' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse((data as Buffer).toString()) as { op?: unknown; id?: unknown };
    // The same handshake as Bourse's gateway, so one load generator drives both.
    socket.send(JSON.stringify(message.op === 'auth' ? { type: 'authenticated' } : { type: 'ack', id: message.id }));
  });
});
process.on('SIGTERM', () => void app.close().then(() => file.close()).then(() => rm(path, { force: true })).then(() => process.exit(0)));
