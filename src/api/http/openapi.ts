// The OpenAPI document's view of each route: its success statuses as the route declares them, and the one error shape.
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { ERROR_BODY_SCHEMA } from '../errors.ts';

/** Each success status a route answers, with what it means. */
export type SuccessStatuses = Readonly<Partial<Record<200 | 201 | 202 | 204, string>>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The success statuses the route answers, for the OpenAPI document; left out, it answers 200
     * only. Declared next to the handler that sends them, so the two are read together.
     */
    success?: SuccessStatuses;
  }
}

const ONLY_200: SuccessStatuses = { 200: 'Default Response' };

/**
 * Zod schemas become JSON Schema; a route's declared success statuses replace the 200 the document
 * would otherwise claim for every route; every route answers an error in the one shape.
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const { schema, url } = jsonSchemaTransform(input);
  const declared = input.route.config?.success ?? ONLY_200;
  // Described in words, with no body schema: the routes validate requests, not their answers.
  const success = Object.fromEntries(Object.entries(declared).map(([status, description]) => [status, { description, type: 'null' }]));
  const response = (schema as { response?: Record<string, unknown> }).response ?? success;
  return { schema: { ...schema, response: { ...response, default: { ...ERROR_BODY_SCHEMA, description: 'An error' } } }, url };
};

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { nullable?: boolean } }> };
}

/**
 * The document as a whole: a body its schema lets be null (a route with nothing to send, see
 * optionalBody) is not required, though @fastify/swagger marks every body so.
 */
export const openApiDocumentTransform: SwaggerTransformObject = (document) => {
  const openapi = 'openapiObject' in document ? document.openapiObject : document.swaggerObject;
  for (const path of Object.values(openapi.paths ?? {}) as Array<Record<string, Operation>>) {
    for (const operation of Object.values(path)) {
      const body = operation.requestBody;
      if (body && Object.values(body.content ?? {}).every((media) => media.schema?.nullable === true)) body.required = false;
    }
  }
  return openapi;
};
