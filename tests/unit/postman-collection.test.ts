import fs from 'node:fs';
import path from 'node:path';
import { buildCollection, buildEnvironment } from '../../scripts/postman/collection';
import { buildApp } from '../helpers/app';

const DIR = path.resolve(__dirname, '..', '..', 'postman');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));

interface Item {
  name: string;
  event: { listen: string; script: { exec: string[] } }[];
  request: { method: string; url: { raw: string } };
}
const requests = (buildCollection().item as { item: Item[] }[]).flatMap((folder) => folder.item);

describe('the Postman collection (postman/)', () => {
  it('is up to date with scripts/postman/collection.ts (run npm run postman:build)', () => {
    expect(read('conduit.postman_collection.json')).toEqual(
      JSON.parse(JSON.stringify(buildCollection())),
    );
    expect(read('conduit.postman_environment.json')).toEqual(buildEnvironment());
  });

  it('needs only baseUrl from the environment', () => {
    expect(buildEnvironment().values.map((v) => v.key)).toEqual(['baseUrl']);
    for (const r of requests) expect(r.request.url.raw.startsWith('{{baseUrl}}/')).toBe(true);
  });

  it('tests every request', () => {
    for (const r of requests) {
      const test = r.event.find((e) => e.listen === 'test');
      expect(test?.script.exec.join('\n')).toContain('pm.test(');
    }
  });

  it('calls every Conduit operation', () => {
    const called = new Set(
      requests.map((r) => {
        const pathname = r.request.url.raw.replace('{{baseUrl}}', '').split('?')[0];
        const template = pathname.replace(/[^/]*\{\{\w+\}\}[^/]*/g, ':param');
        return `${r.request.method.toLowerCase()} ${template}`;
      }),
    );
    const conduit = Object.entries(buildApp().openApiDocument.paths)
      .filter(([path]) => path.startsWith('/api/v1'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path.replace(/\{\w+\}/g, ':param')}`),
      );
    expect(conduit.filter((op) => !called.has(op))).toEqual([]);
  });
});
