// The OpenAPI document at /docs/json as tests read it: its operations, their responses, and a validator of each response body against its published schema.
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

interface Media {
  readonly schema?: Record<string, unknown>;
}
export interface OperationResponse {
  readonly description: string;
  readonly content?: Record<string, Media>;
  readonly headers?: Record<string, { readonly schema?: Record<string, unknown>; readonly description?: string }>;
}
export interface Operation {
  readonly responses: Record<string, OperationResponse>;
  readonly security?: ReadonlyArray<Record<string, readonly string[]>>;
}
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { readonly schemas: Record<string, Record<string, unknown>>; readonly securitySchemes?: Record<string, unknown> };
}

/** "GET /api/v1/orders/{id}" for every operation the document lists. */
export const operationsOf = (document: OpenApiDocument): string[] => Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));

/** "GET /api/v1/orders/{id}" for a route written "GET /api/v1/orders/:id". */
export const operationOfRoute = (method: string, path: string): string => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`;

/**
 * An OpenAPI 3.0 schema as JSON Schema for ajv, which knows `nullable` only next to a `type`: a
 * nullable `allOf` (a shared shape or null) becomes "that or null", as client generators read it.
 */
function jsonSchemaOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonSchemaOf);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, child]) => [key, jsonSchemaOf(child)] as const);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema.nullable !== true || 'type' in schema) return schema;
  const { nullable: _nullable, description, ...rest } = schema;
  return { description, anyOf: [rest, { type: 'null' }] };
}

/** Looks operations up in one document and validates bodies against the schemas it publishes. */
export class OpenApiReader {
  // A schema may carry keywords JSON Schema does not know (strict off).
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(readonly doc: OpenApiDocument) {
    // ajv-formats is CommonJS: its plugin is the module's `default` export.
    formats.default(this.ajv);
  }

  operations(): string[] {
    return operationsOf(this.doc);
  }

  operation(operation: string): Operation {
    const [method, path] = operation.split(' ') as [string, string];
    const found = this.doc.paths[path]?.[method.toLowerCase()];
    if (!found) throw new Error(`${operation} is not in the document`);
    return found;
  }

  /** The validator of the JSON body the document gives `operation` for `status`; null when it gives none. */
  validator(operation: string, status: string): ValidateFunction | null {
    const key = `${operation} ${status}`;
    if (!this.validators.has(key)) {
      const schema = this.operation(operation).responses[status]?.content?.['application/json']?.schema;
      this.validators.set(key, schema ? this.ajv.compile(jsonSchemaOf({ ...schema, components: this.doc.components }) as object) : null);
    }
    return this.validators.get(key)!;
  }

  /** Why `body` does not match the schema of `operation` for `status`, or undefined when it does. */
  mismatch(operation: string, status: string, body: unknown): string | undefined {
    const validate = this.validator(operation, status);
    if (!validate) return `${operation} ${status} documents no response schema`;
    if (validate(body)) return undefined;
    return `${operation} ${status}: ${(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('; ')}`;
  }
}
