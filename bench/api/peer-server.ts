// The benchmark's peer: Fastify answering a trivial JSON POST, and a ws server acking every message, in one process.
import Fastify from 'fastify';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const app = Fastify();
app.get('/hello', () => ({ hello: 'world' }));
app.post('/echo', (request) => ({ ok: true, body: request.body }));
await app.listen({ host: '127.0.0.1', port });
const wss = new WebSocketServer({ server: app.server, path: '/ws' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse((data as Buffer).toString()) as { op?: unknown; id?: unknown };
    // The same handshake as Bourse's gateway, so one load generator drives both.
    socket.send(JSON.stringify(message.op === 'auth' ? { type: 'authenticated' } : { type: 'ack', id: message.id }));
  });
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
