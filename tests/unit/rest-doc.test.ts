/**
 * docs/concepts/rest.md lists every operation of the API with its safety and idempotence:
 * the list must be the OpenAPI document's, and what it says of each method must follow
 * RFC 9110 (only GETs may be safe; PUT and DELETE are always idempotent).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../helpers/app';

const doc = fs.readFileSync(
  path.join(__dirname, '..', '..', 'docs', 'concepts', 'rest.md'),
  'utf8',
);
const rows = [
  ...doc.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) +\| `([^`]+)` +\| (yes|no) +\| (yes|no) +\|/gm),
].map(([, method, route, safe, idempotent]) => ({ method, route, safe, idempotent }));

describe('docs/concepts/rest.md', () => {
  it('lists exactly the operations of the OpenAPI document', () => {
    const paths = buildApp().openApiDocument.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([route, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${route}`),
    );
    expect(rows.map((r) => `${r.method} ${r.route}`).sort()).toEqual(documented.sort());
  });

  it('calls only GETs safe, and every PUT and DELETE idempotent', () => {
    expect(rows.filter((r) => r.safe === 'yes' && r.method !== 'GET')).toEqual([]);
    expect(
      rows.filter((r) => ['PUT', 'DELETE'].includes(r.method!) && r.idempotent !== 'yes'),
    ).toEqual([]);
    expect(rows.filter((r) => r.safe === 'yes' && r.idempotent !== 'yes')).toEqual([]);
  });
});
