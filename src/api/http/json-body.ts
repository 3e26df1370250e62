// JSON request bodies: an empty one with the JSON content type is no body at all, so routes that take none accept it; a number a double cannot hold exactly is refused; a body of any other type, compressed, or in a charset other than UTF-8, is 415.
//
// Clients and docs' curl lines send `content-type: application/json` on every request, including a
// DELETE or a POST /stop with nothing after it. Fastify's parser refuses that empty body; here it is
// undefined instead, so a route without a body schema runs and a route with one refuses it through
// its schema. Anything else goes to Fastify's own parser, so malformed JSON and prototype poisoning
// stay a 400, the latter told as such: it is valid JSON with a key no body may have. A body that parses but carries a JSON number with more digits than a double holds
// (a price of 123456789.123456789) is refused naming the field, rather than rounded on the way in.
import type { FastifyInstance } from 'fastify';
import { echo } from '../echo.ts';
import { ApiError } from '../errors.ts';
import { inexactNumbersRefusal } from '../exact-json.ts';
import { poisonedJsonRefusal } from './poisoned-json.ts';

/**
 * Fastify reads a text/plain body as a string, which every route's schema then refused as "a JSON
 * body must be an object", though JSON text sent as text/plain is a wrong content type, not a wrong
 * body. Without that parser it is refused as every other type is: 415 UNSUPPORTED_MEDIA_TYPE,
 * "Send the body as application/json.".
 */
export function readJsonBodiesOnly(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  acceptEmptyJsonBody(app);
}

function acceptEmptyJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // A compressed body would read as bytes that are not JSON: told what is wrong with it instead.
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return done(new ApiError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${echo(encoding)} is not supported: send the body uncompressed, as plain application/json.`), undefined);
    }
    // The body is read as UTF-8, as JSON must be sent (RFC 8259): another charset would be misread, so it is refused.
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new ApiError('UNSUPPORTED_MEDIA_TYPE', `charset=${echo(charset)} is not supported: send the body as UTF-8 application/json.`), undefined);
    }
    // parseAs 'string' hands over text; the parser's type also allows a buffer.
    const text = body.toString();
    if (text === '') return done(null, undefined);
    void parseJson(request, text, (error, parsed) => {
      if (error) return done(poisonedJsonRefusal(text) ?? error, undefined);
      const refusal = inexactNumbersRefusal(text, 'body');
      return refusal ? done(refusal, undefined) : done(null, parsed);
    });
  });
}

/** The charset parameter of a content type, lower-cased and unquoted; undefined when there is none. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = contentType === undefined ? null : /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType);
  return match ? match[1]!.toLowerCase() : undefined;
}
