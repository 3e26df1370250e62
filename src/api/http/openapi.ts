// The OpenAPI document's view of each route: its success statuses as the route declares them, what each answers, who may call it, and what it refuses in the one error shape.
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ERROR_BODY_SCHEMA } from '../errors.ts';
import type { Refusal } from '../refusal-codes.ts';
import { RESPONSE_SHAPES } from '../response-schemas.ts';
import { DEFAULT_ERROR_RESPONSE, ERROR_COMPONENT, errorResponses, refusalsOf, securityOf } from './openapi-errors.ts';

/** Each success status a route answers, with what it means. */
export type SuccessStatuses = Readonly<Partial<Record<200 | 201 | 202 | 204, string>>>;

/** The body a route answers with each success status that has one (204 has none). */
export type ResponseSchemas = Readonly<Partial<Record<200 | 201 | 202, z.ZodType>>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The success statuses the route answers, for the OpenAPI document; left out, it answers 200
     * only. Declared next to the handler that sends them, so the two are read together.
     */
    success?: SuccessStatuses;
    /**
     * What the route answers with each of its success statuses, for the OpenAPI document only:
     * Fastify neither validates nor serializes an answer with it (see src/api/response-schemas.ts).
     * A test calls every route and checks each answer against the document.
     */
    responses?: ResponseSchemas;
    /**
     * The reason codes the route's own work can refuse with, for the OpenAPI document; those every
     * route of its kind answers (credentials, its guard, validation, the body, cursors, the rate
     * limit) are read off the route and need no listing (see openapi-errors.ts).
     */
    refusals?: readonly Refusal[];
    /** The route takes a login's access token when it is sent one, and works without (logout, with its refresh token instead). */
    optionalLogin?: true;
  }
}

const ONLY_200: SuccessStatuses = { 200: 'Default Response' };
const JSON_MEDIA = 'application/json';

/** Request and response zod schemas to JSON Schema; a schema with an id (the shared response shapes) becomes a `$ref` to its component. */
const zodTransform = createJsonSchemaTransform({});
const zodComponents = createJsonSchemaTransformObject({});

/**
 * Zod schemas become JSON Schema; a route's declared success statuses replace the 200 the document
 * would otherwise claim for every route, each with the body its `responses` declares (a status
 * without one, 204, has no body); each 4xx status the route can answer has the one error shape with
 * its reason codes; the route's guard says which credentials it takes (a public route: none).
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const config = input.route.config;
  const declared = config?.success ?? ONLY_200;
  const bodies: Record<string, z.ZodType> = { ...config?.responses };
  const stray = Object.keys(bodies).filter((status) => !(status in declared));
  if (stray.length) throw new Error(`${input.url}: a response schema for ${stray.join(', ')}, which the route's success statuses do not list`);
  // Converted with the request schemas, never put in Fastify's own route schema: the routes validate requests, not their answers.
  const withBody = Object.entries(declared).filter(([status]) => bodies[status]);
  const zodResponse = Object.fromEntries(withBody.map(([status, description]) => [status, { description, content: { [JSON_MEDIA]: { schema: bodies[status] } } }]));
  const { schema, url } = zodTransform({ ...input, schema: { ...input.schema, response: withBody.length ? zodResponse : undefined } });
  const noBody = Object.fromEntries(Object.entries(declared).filter(([status]) => !bodies[status]).map(([status, description]) => [status, { description, type: 'null' }]));
  const response = { ...noBody, ...(schema as { response?: Record<string, unknown> }).response };
  const errors = errorResponses(refusalsOf(input.route, config?.refusals));
  return { schema: { ...schema, security: securityOf(input.route), response: { ...response, ...errors, default: DEFAULT_ERROR_RESPONSE } }, url };
};

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { nullable?: boolean } }> };
}

/**
 * OpenAPI 3.0 lets a nullable enum be null only when null is one of its values (3.0.3); zod writes
 * `nullable: true` alone, so null is added to each such enum.
 */
function nullInEnums(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) nullInEnums(item);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const schema = value as { nullable?: unknown; enum?: unknown };
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  for (const child of Object.values(value)) nullInEnums(child);
}

/**
 * The document as a whole: the shared response shapes are its components; a nullable enum lists null; a body its schema lets be
 * null (a route with nothing to send, see optionalBody) is not required, though @fastify/swagger
 * marks every body so.
 */
export const openApiDocumentTransform: SwaggerTransformObject = (document) => {
  const openapi = 'openapiObject' in document ? document.openapiObject : document.swaggerObject;
  if ('openapiObject' in document) Object.assign(openapi, { components: responseComponents(document) });
  nullInEnums(openapi);
  for (const path of Object.values(openapi.paths ?? {}) as Array<Record<string, Operation>>) {
    for (const operation of Object.values(path)) {
      const body = operation.requestBody;
      if (body && Object.values(body.content ?? {}).every((media) => media.schema?.nullable === true)) body.required = false;
    }
  }
  return openapi;
};

/** The shared response shapes and the error shape as components; they are answers only, so the input copies the zod provider also makes are left out. */
function responseComponents(document: Parameters<SwaggerTransformObject>[0]) {
  const withShapes = zodComponents(document) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = Object.fromEntries(Object.entries(withShapes.components?.schemas ?? {}).filter(([id]) => !(id.endsWith('Input') && RESPONSE_SHAPES.has(id.slice(0, -'Input'.length)))));
  return { ...withShapes.components, schemas: { ...schemas, [ERROR_COMPONENT]: ERROR_BODY_SCHEMA } };
}
