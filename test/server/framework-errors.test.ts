// Requests refused before any route runs get the one error shape: a URL that does not decode, headers too large, bytes that are not HTTP, a request too slow to arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorBody } from '../support/expect-error.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { rawRequest, type RawReply } from '../support/raw-http.ts';

const REQUEST_TIMEOUT_MS = 300;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, requestTimeoutMs: REQUEST_TIMEOUT_MS });
});
afterAll(async () => {
  await platform.dispose();
});

function get(path: string, extraHeaders = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extraHeaders}Connection: close\r\n\r\n`;
}

/** The reply is the status, JSON, and the one shape with this code. */
function expectRefusal(reply: RawReply, status: number, code: string): void {
  expect({ status: reply.status, body: reply.body }).toMatchObject({ status });
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(reply.body);
  expect(isErrorBody(body), reply.body).toBe(true);
  expect(body).toMatchObject({ code, details: null });
}

describe('refused before routing', () => {
  it('a URL that does not decode is 400 BAD_URL, with a request id', async () => {
    for (const path of ['/api/v1/orders/%E0%A4%A', '/api/v1/markets/%zz/book', '/api/v1/orders/by-client-id/%C3%28']) {
      const reply = await rawRequest(platform.url, [get(path)]);
      expectRefusal(reply, 400, 'BAD_URL');
      expect(reply.headers['x-request-id']).toMatch(/\S/);
    }
  });

  it('headers over 16 KiB are 431 HEADERS_TOO_LARGE', async () => {
    const reply = await rawRequest(platform.url, [get('/healthz', `X-Padding: ${'a'.repeat(20_000)}\r\n`)]);
    expectRefusal(reply, 431, 'HEADERS_TOO_LARGE');
    expect(reply.headers.connection).toBe('close');
  });

  it('bytes that are not HTTP/1.1 are 400 MALFORMED_REQUEST', async () => {
    for (const bytes of ['HELLO THERE\r\n\r\n', 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n', 'GET /healthz HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n']) {
      expectRefusal(await rawRequest(platform.url, [bytes]), 400, 'MALFORMED_REQUEST');
    }
  });

  it('an HTTP/1.1 request without Host is 400 MALFORMED_REQUEST in the one error shape, with a request id', async () => {
    const reply = await rawRequest(platform.url, ['GET /healthz HTTP/1.1\r\n\r\n']);
    expectRefusal(reply, 400, 'MALFORMED_REQUEST');
    expect(JSON.parse(reply.body)).toMatchObject({ message: 'An HTTP/1.1 request needs a Host header.' });
    expect(reply.headers['x-request-id']).toBeTruthy();
  });

  it('a request still unfinished after the request timeout is 408 REQUEST_TIMEOUT', async () => {
    const reply = await rawRequest(platform.url, ['GET /healthz HTTP/1.1\r\nHost: localhost\r\n', { waitMs: REQUEST_TIMEOUT_MS * 4 }]);
    expectRefusal(reply, 408, 'REQUEST_TIMEOUT');
    // So is one whose body stops coming after its headers (it was cut off only at Node's 60 s headers timeout).
    const body = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"user';
    expectRefusal(await rawRequest(platform.url, [body, { waitMs: REQUEST_TIMEOUT_MS * 4 }]), 408, 'REQUEST_TIMEOUT');
  });

  it('leaves the server answering as usual, and logs each refusal without a failure', async () => {
    const healthy = await rawRequest(platform.url, [get('/healthz')]);
    expect(healthy.status).toBe(200);
    const lines = platform.logs.lines();
    expect(lines.filter((line) => line.msg === 'request refused before routing').map((line) => line.code)).toEqual(expect.arrayContaining(['HEADERS_TOO_LARGE', 'MALFORMED_REQUEST', 'REQUEST_TIMEOUT']));
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
