// JSON request bodies: an empty one with the JSON content type is no body at all, so routes that take none accept it.
//
// Clients and docs' curl lines send `content-type: application/json` on every request, including a
// DELETE or a POST /stop with nothing after it. Fastify's parser refuses that empty body; here it is
// undefined instead, so a route without a body schema runs and a route with one refuses it through
// its schema. Anything else goes to Fastify's own parser, so malformed JSON and prototype poisoning
// stay a 400.
import type { FastifyInstance } from 'fastify';

export function acceptEmptyJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // parseAs 'string' hands over text; the parser's type also allows a buffer.
    const text = body.toString();
    if (text === '') done(null, undefined);
    else void parseJson(request, text, done);
  });
}
