// Requests refused before any route runs (a URL that does not decode, headers too large, bytes that are not HTTP, a request too slow to arrive), answered in the one error shape.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errorBody } from '../errors.ts';

/** How long a refused connection may take to read its answer and hang up before it is cut off. */
const LINGER_MS = 2_000;

/**
 * Fastify's `frameworkErrors`: the router could not take the request apart. The request has no
 * route, so no hook ran; the request id is set here as every other answer has it.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const refusal = frameworkRefusal(error);
  if (refusal.statusCode >= 500) request.log.error({ err: error }, 'request failed before routing');
  void reply
    .header('x-request-id', request.id)
    .status(refusal.statusCode)
    .send(errorBody(refusal.code, refusal.message, refusal.details));
}

function frameworkRefusal(error: FastifyError): ApiError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ApiError('BAD_URL');
    // Reached only where no wildcard route takes the path instead (the dashboard's does, as a 404).
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError('INVALID_REQUEST', 'A path parameter is longer than 100 characters.');
    default:
      return new ApiError('INTERNAL');
  }
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes, or the request did not
 * arrive in time. There is no request or reply, so the answer is written to the socket by hand.
 */
export function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody left to answer; one already answered may report more bytes it refused.
  if (error.code === 'ECONNRESET' || socket.destroyed || socket.writableEnded) return;
  const refusal = clientRefusal(error.code);
  this.log.info({ code: refusal.code, cause: error.code }, 'request refused before routing');
  // As Node does: an answer already on its way must not be corrupted by another.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  writeRawError(socket, refusal);
}

function clientRefusal(code: string | undefined): ApiError {
  if (code === 'HPE_HEADER_OVERFLOW') return new ApiError('HEADERS_TOO_LARGE');
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ApiError('REQUEST_TIMEOUT');
  return new ApiError('MALFORMED_REQUEST');
}

/**
 * Answers a socket that carries no Fastify reply (a refused upgrade, bytes the parser refused)
 * with the error's status and the one error shape, then closes it. The peer is given time to read
 * the answer and hang up itself: closing at once over unread input would reset the connection and
 * could lose the answer.
 */
export function writeRawError(socket: Duplex, error: ApiError, headers: Readonly<Record<string, string | number>> = {}): void {
  if (socket.destroyed || socket.writableEnded) return;
  const body = JSON.stringify(errorBody(error.code, error.message, error.details));
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      extra +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
