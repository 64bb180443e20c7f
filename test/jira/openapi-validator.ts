/**
 * Validates Jira responses against the OpenAPI subset in test/fixtures/jira-openapi (extracted from
 * Atlassian's swagger-v3.v3.json, see PROVENANCE.md).
 *
 * - A status the operation declares with a JSON schema: the body must validate against it.
 * - A declared status without a schema (Jira's spec leaves many error bodies undefined): the body
 *   must be an `ErrorCollection`, which is what Jira sends and what clients parse.
 * - Statuses the gateway may answer on any operation (401, 413, 414, 429, 500, 503) need not be
 *   declared; their bodies must be `ErrorCollection`s too.
 * - Any other undeclared status is an error.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SUBSET_FILE = fileURLToPath(
  new URL('../fixtures/jira-openapi/jira-openapi-subset.json', import.meta.url),
);
const DOC_ID = 'https://local.test/jira-openapi-subset.json';
const GATEWAY_STATUSES = new Set([401, 413, 414, 429, 500, 503]);

interface MediaType {
  schema?: object;
}
interface Operation {
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface OpenApiSubset {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/** Rewrites `#/components/schemas/X` to an absolute ref into the registered definitions document. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', `${DOC_ID}#/definitions/`)
        : rewriteRefs(value),
    ]),
  );
}

export interface ResponseToCheck {
  method: string;
  /** A concrete path (`/rest/api/3/issue/OFF-1`) or a template; a query string is ignored. */
  path: string;
  status: number;
  /** Parsed JSON body; `undefined` for an empty body. */
  body: unknown;
}

export class OpenApiValidator {
  readonly doc: OpenApiSubset;
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp }[];

  constructor(doc: OpenApiSubset = JSON.parse(readFileSync(SUBSET_FILE, 'utf8')) as OpenApiSubset) {
    this.doc = doc;
    // strict:false because the spec uses OpenAPI keywords (readOnly, xml, example, x-…) that are not JSON Schema.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // The spec uses `format: int32|int64` on integers; ajv-formats knows them. Anything else unknown is ignored.
    this.ajv.addSchema({ $id: DOC_ID, definitions: rewriteRefs(doc.components.schemas) });
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  }

  /** The spec path template a concrete path belongs to (literal paths win over templated ones). */
  templateOf(path: string): string | undefined {
    const bare = path.split('?')[0] ?? path;
    if (this.doc.paths[bare]) return bare;
    return this.templates.find((t) => t.pattern.test(bare))?.template;
  }

  private compile(key: string, schema: unknown): ValidateFunction {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema) as object);
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** Validates against a named component schema, e.g. `User`. Returns the error messages (empty = valid). */
  validateSchema(name: string, value: unknown): string[] {
    if (!this.doc.components.schemas[name]) return [`no schema ${name} in the subset`];
    const validate = this.compile(`#${name}`, { $ref: `#/components/schemas/${name}` });
    return validate(value)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
  }

  /** All problems of one response (empty = valid). */
  validateResponse({ method, path, status, body }: ResponseToCheck): string[] {
    const template = this.templateOf(path);
    if (!template) return [`path ${path} is not in the OpenAPI subset`];
    const operation = this.doc.paths[template]?.[method.toLowerCase()] as Operation | undefined;
    if (!operation) return [`${method.toUpperCase()} ${template} is not in the OpenAPI subset`];
    const declared = operation.responses[String(status)];
    const where = `${method.toUpperCase()} ${template} → ${status}`;
    if (!declared && !GATEWAY_STATUSES.has(status)) return [`${where}: status not declared by the spec`];

    const schema = declared?.content?.['application/json']?.schema;
    const hasSchema = schema !== undefined && Object.keys(schema).length > 0;
    if (hasSchema) {
      if (body === undefined) return [`${where}: empty body, the spec defines one`];
      const validate = this.compile(`${method} ${template} ${status}`, schema);
      return validate(body)
        ? []
        : (validate.errors ?? []).map(
            (e) => `${where}: ${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
          );
    }
    if (status === 204 || (status < 300 && body === undefined)) {
      return body === undefined ? [] : [`${where}: expected no body`];
    }
    if (status >= 400) {
      if (body === undefined) return [`${where}: expected an ErrorCollection body`];
      return this.validateSchema('ErrorCollection', body).map((m) => `${where}: ${m}`);
    }
    return [];
  }

  /** Throws with every problem listed, so a test fails on any schema error. */
  assertResponse(response: ResponseToCheck): void {
    const errors = this.validateResponse(response);
    if (errors.length > 0)
      throw new Error(`Response does not match the Jira OpenAPI spec:\n${errors.join('\n')}`);
  }
}
