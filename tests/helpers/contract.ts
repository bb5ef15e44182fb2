/**
 * Checks real responses against the OpenAPI document: the operation must document the
 * status, and the JSON body must match its schema. Paths the document does not know may
 * only answer errors, and those in the error shape.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../../src/docs/openapi';

type Doc = OpenApiDocument;
type Json = Record<string, unknown>;

export interface CheckedResponse {
  method: string;
  path: string;
  status: number;
  contentType?: string;
  body: unknown;
}

export function createContractChecker(doc: Doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (schemaName: string) => {
    if (!validators.has(schemaName)) {
      validators.set(schemaName, ajv.getSchema(`doc#/components/schemas/${schemaName}`)!);
    }
    return validators.get(schemaName)!;
  };

  const routes = Object.entries(doc.paths).map(([template, operations]) => ({
    pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    operations: operations as Record<string, { responses: Record<string, Json> }>,
  }));

  /**
   * What a response must hold: a JSON schema's name, other media types (a file, CSV,
   * NDJSON: their bytes are not checked), or nothing.
   */
  function documentedBody(response: Json): { schema: string } | { mediaTypes: string[] } | null {
    const ref = (response.$ref as string | undefined) ?? '';
    if (ref.startsWith('#/components/responses/')) return { schema: 'ErrorResponse' };
    const content = response.content as Record<string, { schema: { $ref?: string } }> | undefined;
    if (!content) return null;
    const [, { schema }] = Object.entries(content)[0];
    return schema.$ref
      ? { schema: schema.$ref.split('/').pop()! }
      : { mediaTypes: Object.keys(content) };
  }

  function validate(schemaName: string, body: unknown, where: string): string | undefined {
    const check = validatorFor(schemaName);
    if (check(body)) return undefined;
    const details = (check.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    return `${where}: body does not match ${schemaName}: ${details}`;
  }

  /** A description of what is wrong, or undefined when the response keeps the contract. */
  return function check(res: CheckedResponse): string | undefined {
    const method = res.method.toLowerCase();
    if (method === 'options' || method === 'head') return undefined;
    const where = `${res.method.toUpperCase()} ${res.path} → ${res.status}`;
    const isJson = /^application\/([\w.-]+\+)?json\b/.test(res.contentType ?? '');
    const operation = routes.find((r) => r.pattern.test(res.path))?.operations[method];

    if (!operation) {
      if (res.status < 400) return undefined; // static files, the docs UI
      return isJson
        ? validate('ErrorResponse', res.body, where)
        : `${where}: an error without a JSON body`;
    }
    const documented = operation.responses[String(res.status)];
    if (!documented) return `${where}: status ${res.status} is not documented for this operation`;
    const body = documentedBody(documented);
    if (body === null)
      return isJson ? `${where}: documented without a body, but one came` : undefined;
    if ('mediaTypes' in body) {
      const [type] = (res.contentType ?? '').split(';');
      return body.mediaTypes.includes(type)
        ? undefined
        : `${where}: expected ${body.mediaTypes.join(' or ')}, got ${res.contentType}`;
    }
    if (!isJson) return `${where}: expected a JSON body (${body.schema})`;
    return validate(body.schema, res.body, where);
  };
}
