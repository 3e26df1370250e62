// Raw HTTP over node:net, for requests fetch will not send (bad escapes, oversized headers, bytes that are not HTTP, a request left unfinished).
import { connect } from 'node:net';

export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Writes the bytes (each chunk as it comes; a chunk may wait, to leave a request unfinished) and
 * reads until the server closes, then parses the one answer.
 */
export async function rawRequest(baseUrl: string, chunks: ReadonlyArray<string | { readonly waitMs: number }>): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect({ host: hostname, port: Number(port) });
  const received: Buffer[] = [];
  const done = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(received).toString('utf8')));
  });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  for (const chunk of chunks) {
    if (socket.destroyed) break;
    if (typeof chunk === 'string') socket.write(chunk);
    else await new Promise((resolve) => setTimeout(resolve, chunk.waitMs));
  }
  return parseReply(await done);
}

function parseReply(text: string): RawReply {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
  if (status === undefined) throw new Error(`not an HTTP status line: ${statusLine}`);
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(status), headers, body: text.slice(split + 4) };
}
