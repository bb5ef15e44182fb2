/** JSON Schema from the Joi schemas that validate input, for the OpenAPI and AsyncAPI documents. */
import type Joi from 'joi';
import j2s from 'joi-to-swagger';

type Json = Record<string, unknown>;

/** joi-to-swagger speaks OpenAPI 3.0; turn `nullable` into 3.1's type lists, drop request-side `additionalProperties: false` (unknown keys are stripped, not refused). */
function toOas31(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOas31);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, additionalProperties, ...rest } = schema as Json;
  const out: Json = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toOas31(v)]));
  if (additionalProperties !== undefined && additionalProperties !== false)
    out.additionalProperties = toOas31(additionalProperties);
  if (nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/** The JSON Schema of `schema`, as OpenAPI 3.1 and AsyncAPI 3 read it. */
export const jsonSchemaOf = (schema: Joi.Schema) => toOas31(j2s(schema).swagger) as Json;
