/**
 * A schema-driven fuzzer over the OpenAPI document: for every operation, requests whose
 * path, query and body are valid except for one hostile change — a wrong type, a missing
 * or extra field, an operator object, a prototype key, a huge or odd unicode string — and
 * requests with broken credentials or bodies. The API must answer each with a documented
 * status in the error shape, never a 5xx.
 */
type Json = Record<string, unknown>;

export interface FuzzCase {
  operation: string; // "post /api/v1/articles/{slug}"
  method: string;
  path: string; // with its parameters filled in and encoded
  headers: Record<string, string>;
  body?: string;
  mutation: string;
}

/** encodeURIComponent, but a lone surrogate (which it refuses) becomes its raw UTF-8 bytes. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
};

const HOSTILE_STRINGS: [string, string][] = [
  ['empty', ''],
  ['blank', '   '],
  ['huge', 'x'.repeat(100_000)],
  ['emoji', '💥🐉'.repeat(50)],
  ['rtl and combining', '\u202eevil\u0301\u0300'],
  ['nul byte', 'a\u0000b'],
  ['lone surrogate', '\ud800'],
  ['path traversal', '../../etc/passwd'],
  ['operator text', '{"$ne":null}'],
  ['html', '<script>alert(1)</script>'],
  ['sql', "' OR 1=1 --"],
  ['numeric', '12345'],
  ['unicode spaces', '\u00a0\u2003\u3000'],
  ['long unicode', '🐉'.repeat(10_000)],
  ['crlf', 'a\r\nX-Injected: 1'],
  ['dollar key text', '$where'],
];

const HOSTILE_VALUES: [string, unknown][] = [
  ['null', null],
  ['number', 12345],
  ['negative', -1],
  ['float', 1.5],
  ['boolean', true],
  ['array', ['a', 'b']],
  ['object', { a: 1 }],
  ['operator $gt', { $gt: '' }],
  ['operator $ne', { $ne: null }],
  ['operator $where', { $where: 'sleep(1000)' }],
  ['operator $regex', { $regex: '.*' }],
  ['big integer', 2 ** 53 + 1],
  ['empty object', {}],
  ['empty array', []],
  ['array of objects', [{ $gt: '' }]],
  ['deep object', JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`)],
  ...HOSTILE_STRINGS,
];

/** A small value that the schema accepts (or nearly: formats and patterns are guessed). */
export function validValue(schema: Json, doc: Json): unknown {
  if (schema.$ref) return validValue(resolve(doc, String(schema.$ref)), doc);
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'email')
        return `fuzz${Math.random().toString(36).slice(2, 8)}@example.com`;
      if (schema.format === 'uri') return 'https://example.com/a.png';
      return `fuzz-${Math.random().toString(36).slice(2, 8)} kettle sunrise`.slice(
        0,
        Number(schema.maxLength ?? 40),
      );
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [validValue((schema.items as Json) ?? {}, doc)];
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, s]) => [key, validValue(s, doc)]),
      );
    }
    default:
      return 'fuzz';
  }
}

function resolve(doc: Json, ref: string): Json {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Json>((node, key) => node[key] as Json, doc);
}

/** Every property path of an object schema, nested objects included. */
function propertyPaths(
  schema: Json,
  prefix: string[] = [],
): { path: string[]; required: boolean }[] {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([key, s]) => [
    { path: [...prefix, key], required: required.has(key) },
    ...(s.type === 'object' ? propertyPaths(s, [...prefix, key]) : []),
  ]);
}

function setAt(value: unknown, path: string[], replacement: unknown | typeof REMOVE): unknown {
  const copy = structuredClone(value) as Json;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  const last = path[path.length - 1];
  if (replacement === REMOVE) delete node[last];
  else node[last] = replacement;
  return copy;
}
const REMOVE = Symbol('remove');

export interface FuzzContext {
  doc: Json;
  /** Real values for path parameters (an existing slug, username, comment id). */
  params: Record<string, string>;
  /** `Token <jwt>` of a user allowed to call every operation (an admin). */
  auth: string;
  /** Broken credentials to try on operations that take one. */
  badAuth: [string, string][];
}

export function fuzzCases({ doc, params, auth, badAuth }: FuzzContext): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [template, operations] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(operations as Record<string, Json>)) {
      const operation = `${method} ${template}`;
      const parameters = (op.parameters ?? []) as { name: string; in: string; schema: Json }[];
      const pathParams = parameters.filter((p) => p.in === 'path');
      const queryParams = parameters.filter((p) => p.in === 'query');
      const bodySchema = (op.requestBody as Json | undefined)?.content as Json | undefined;
      const schema = bodySchema?.['application/json'] as { schema: Json } | undefined;
      const validBody = schema ? validValue(schema.schema, doc) : undefined;
      const needsAuth = Array.isArray(op.security) && op.security.length > 0;

      const build = (
        mutation: string,
        changes: {
          pathValues?: Record<string, string>;
          query?: string;
          body?: string;
          headers?: Record<string, string>;
        } = {},
      ) => {
        const values = { ...params, ...changes.pathValues };
        const path =
          template.replace(/\{(\w+)\}/g, (_m, name: string) =>
            name in (changes.pathValues ?? {}) ? values[name] : encode(values[name] ?? 'fuzz'),
          ) + (changes.query ?? '');
        cases.push({
          operation,
          method: method.toUpperCase(),
          path,
          headers: {
            ...(needsAuth && { Authorization: auth }),
            ...(changes.body !== undefined && { 'Content-Type': 'application/json' }),
            ...changes.headers,
          },
          body: changes.body,
          mutation,
        });
      };
      const body = (value: unknown) => JSON.stringify(value);

      build('valid', { body: validBody === undefined ? undefined : body(validBody) });

      for (const { name } of pathParams) {
        for (const [label, value] of HOSTILE_STRINGS.filter(([l]) => l !== 'huge')) {
          build(`path ${name}: ${label}`, { pathValues: { [name]: encode(value) } });
        }
        build(`path ${name}: bad percent-encoding`, { pathValues: { [name]: '%E0%A4%A' } });
        build(`path ${name}: very long`, { pathValues: { [name]: 'a'.repeat(5000) } });
      }

      for (const { name } of queryParams) {
        const q = (raw: string) => `?${raw}`;
        build(`query ${name}: repeated`, { query: q(`${name}=1&${name}=2`) });
        build(`query ${name}: operator object`, { query: q(`${name}[$ne]=x`) });
        build(`query ${name}: prototype key`, { query: q(`${name}[__proto__][x]=1`) });
        for (const [label, value] of HOSTILE_STRINGS) {
          build(`query ${name}: ${label}`, { query: q(`${name}=${encode(value)}`) });
        }
        build(`query ${name}: NaN`, { query: q(`${name}=NaN`) });
        build(`query ${name}: huge number`, { query: q(`${name}=1e309`) });
      }

      if (schema) {
        for (const { path, required } of propertyPaths(schema.schema)) {
          const field = path.join('.');
          for (const [label, value] of HOSTILE_VALUES) {
            build(`body ${field}: ${label}`, { body: body(setAt(validBody, path, value)) });
          }
          if (required)
            build(`body ${field}: missing`, { body: body(setAt(validBody, path, REMOVE)) });
        }
        const inner = Object.keys((validBody ?? {}) as Json)[0];
        const withExtra = (raw: string) =>
          body(validBody).replace(/^\{/, `{${raw},`).replace(/,\}$/, '}');
        build('body: __proto__ key', { body: withExtra('"__proto__":{"admin":true}') });
        build('body: constructor.prototype', {
          body: withExtra('"constructor":{"prototype":{"admin":true}}'),
        });
        if (inner) {
          build('body: extra fields inside', {
            body: body({
              [inner]: {
                ...((validBody as Json)[inner] as Json),
                role: 'admin',
                $where: '1',
                slug: 'x',
              },
            }),
          });
        }
        for (const [label, raw] of [
          ['null', 'null'],
          ['array', '[]'],
          ['string', '"text"'],
          ['number', '42'],
          ['invalid JSON', '{"user": {'],
          ['deeply nested', `${'['.repeat(5000)}${']'.repeat(5000)}`],
          ['empty', ''],
        ]) {
          build(`body: ${label}`, { body: raw });
        }
        build('body: text/plain', {
          body: body(validBody),
          headers: { 'Content-Type': 'text/plain' },
        });
        build('body: gzip that is not gzip', {
          body: body(validBody),
          headers: { 'Content-Encoding': 'gzip' },
        });
        build('body: form-encoded', {
          body: 'user[email]=a@b.co',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
        build('body: unsupported charset', {
          body: body(validBody),
          headers: { 'Content-Type': 'application/json; charset=latin2' },
        });
      }

      const multipart = bodySchema?.['multipart/form-data'] as
        { schema: { required: string[] } } | undefined;
      if (multipart) {
        const [field] = multipart.schema.required;
        const B = 'fuzzBoundary';
        const form = (parts: string[], end = true) =>
          `${parts.map((p) => `--${B}\r\n${p}`).join('\r\n')}${end ? `\r\n--${B}--\r\n` : ''}`;
        const file = (name: string, filename: string, bytes: string) =>
          `Content-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n${bytes}`;
        const multipartCases: [string, string, string?][] = [
          ['a text file', form([file(field, 'a.txt', 'hello')])],
          ['an executable', form([file(field, 'a.png', 'MZ\x90\x00\x03 not really')])],
          ['a path as file name', form([file(field, '../../../../etc/passwd', 'hello')])],
          ['a control character in the name', form([file(field, 'a\u0001b\u007f.txt', 'hello')])],
          ['a very long file name', form([file(field, 'n'.repeat(5000), 'hello')])],
          ['another field', form([file('other', 'a.txt', 'hello')])],
          ['a text field', form([`Content-Disposition: form-data; name="${field}"\r\n\r\nhello`])],
          ['many files', form(Array.from({ length: 30 }, (_, i) => file(field, `${i}.txt`, 'x')))],
          ['cut short', form([file(field, 'a.pdf', '%PDF-1.7 and then')], false)],
          ['empty', ''],
          ['no boundary', form([file(field, 'a.txt', 'x')]), 'multipart/form-data'],
        ];
        for (const [label, raw, type] of multipartCases) {
          build(`multipart: ${label}`, {
            body: raw,
            headers: { 'Content-Type': type ?? `multipart/form-data; boundary=${B}` },
          });
        }
      }

      if (needsAuth) {
        for (const [label, value] of badAuth) {
          build(`auth: ${label}`, {
            body: validBody === undefined ? undefined : body(validBody),
            headers: { Authorization: value },
          });
        }
      }
    }
  }
  return cases;
}
