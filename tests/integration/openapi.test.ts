import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { Router } from 'express';
import { handle } from '../../src/controllers/handle';
import { buildOpenApiDocument } from '../../src/docs/openapi';
import * as articleSpecs from '../../src/endpoints/article.endpoints';
import { servedDocument } from '../../scripts/lib/served-openapi';
import { lintOpenApi } from '../../scripts/lint-openapi';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = buildApp();

// The Conduit contract (shared/conduit-api.md), endpoint by endpoint.
const CONDUIT_OPERATIONS = [
  'post /api/v1/users',
  'post /api/v1/users/login',
  'get /api/v1/user',
  'put /api/v1/user',
  'get /api/v1/profiles/{username}',
  'post /api/v1/profiles/{username}/follow',
  'delete /api/v1/profiles/{username}/follow',
  'get /api/v1/articles',
  'get /api/v1/articles/feed',
  'get /api/v1/articles/{slug}',
  'post /api/v1/articles',
  'put /api/v1/articles/{slug}',
  'delete /api/v1/articles/{slug}',
  'post /api/v1/articles/{slug}/favorite',
  'delete /api/v1/articles/{slug}/favorite',
  'get /api/v1/articles/{slug}/comments',
  'post /api/v1/articles/{slug}/comments',
  'delete /api/v1/articles/{slug}/comments/{id}',
  'get /api/v1/tags',
];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every method + path Express would route to, counted through mounted routers. */
function servedRoutes(stack: Layer[]): number {
  return stack.reduce(
    (sum, layer) =>
      sum +
      (layer.route
        ? Object.keys(layer.route.methods).length
        : layer.handle.stack
          ? servedRoutes(layer.handle.stack)
          : 0),
    0,
  );
}

describe('GET /docs/openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document', async () => {
    const res = await request(app).get('/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
  });

  it('lists every Conduit operation, with the Token/Bearer security schemes', async () => {
    const { body } = await request(app).get('/docs/openapi.json');
    const documented = Object.entries(body.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(documented).toEqual(expect.arrayContaining(CONDUIT_OPERATIONS));
    expect(Object.keys(body.components.securitySchemes)).toEqual(['Token', 'Bearer', 'Session']);
    expect(body.paths['/api/v1/articles/{slug}'].put.security).toEqual([
      { Token: [] },
      { Bearer: [] },
      { Session: [] },
    ]);
  });

  it('documents every route the app serves, and serves every documented one', async () => {
    const { openApiDocument: doc } = app;
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method, path: path.replace(/\{\w+\}/g, 'x') })),
    );
    // The document is read from the route table; a route added beside it would not be in it.
    const expressStack = (app as unknown as { _router: { stack: Layer[] } })._router.stack;
    const docsRoutes = 3; // GET /docs/openapi.json, /docs/asyncapi.json, /docs/roadmap.md: the documents
    const graphqlRoutes = -1; // one ALL /graphql route, documented as GET and POST
    expect(servedRoutes(expressStack)).toBe(operations.length + docsRoutes + graphqlRoutes);
    for (const { method, path } of operations) {
      const res = await request(app)[method as 'get'](path);
      expect(res.body.errors?.route).toBeUndefined(); // not "route does not exist"
    }
  });

  it('refuses a route whose handler carries no endpoint spec: an undocumented route fails at start-up', () => {
    const router = Router();
    router.get('/', (_req, res) => res.json({}));
    expect(() => buildOpenApiDocument([{ path: '/x', tag: 'X', router }])).toThrow(
      /GET \/x: its handler must be made with handle\(spec, fn\)/,
    );
    const documented = Router();
    documented.get(
      '/',
      handle(articleSpecs.feed, () => undefined),
    );
    expect(
      buildOpenApiDocument([{ path: '/x', tag: 'X', router: documented }]).paths['/x'],
    ).toHaveProperty('get');
  });

  it('describes request bodies from the validators’ Joi schemas', async () => {
    const { body } = await request(app).get('/docs/openapi.json');
    const register =
      body.paths['/api/v1/users'].post.requestBody.content['application/json'].schema;
    expect(register.properties.user.required).toEqual(['username', 'email', 'password']);
    expect(register.properties.user.properties.password).toMatchObject({
      minLength: 8,
      maxLength: 72,
    });
    const limit = body.paths['/api/v1/articles'].get.parameters.find(
      (p: { name: string }) => p.name === 'limit',
    );
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
  });

  it('passes Spectral’s spectral:oas ruleset with no error and no warning (npm run lint:openapi)', async () => {
    const findings = await lintOpenApi(servedDocument());
    expect(findings.map((f) => `${f.code} ${f.path.join('.')}: ${f.message}`)).toEqual([]);
  });

  it('says who may call each operation and what limits it, read from its route', async () => {
    const { paths } = app.openApiDocument as unknown as {
      paths: Record<string, Record<string, { description: string }>>;
    };
    expect(paths['/api/v1/admin/users/{username}/ban'].post.description).toContain(
      '**Who:** Signed in with the `users:ban` permission: admin.',
    );
    expect(paths['/api/v1/articles'].post.description).toMatch(
      /\*\*Rate limits\*\* \(besides the global one\): \d+ requests per \d+ \w+ per user\./,
    );
    expect(paths['/api/v1/users/login'].post.description).toMatch(
      /\d+ failed attempts per \d+ min per account and client IP/,
    );
    expect(paths['/api/v1/tags'].get.description).toContain('**Who:** Anyone may call it.');
  });

  it('is off in production unless DOCS_ENABLED is set', async () => {
    const prod = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:1/x',
      JWT_SECRET: 's'.repeat(40),
      SESSION_SECRET: 't'.repeat(40),
      SMTP_URL: 'smtp://mail.example.com:587',
    };
    await request(buildApp(prod)).get('/docs/openapi.json').expect(404);
    await request(buildApp({ ...prod, DOCS_ENABLED: 'true' }))
      .get('/docs/openapi.json')
      .expect(200);
  });
});

describe('GET /docs/roadmap.md', () => {
  it('serves the topic map as text a browser shows (docs/ROADMAP.md as it is in the repository)', async () => {
    const res = await request(app).get('/docs/roadmap.md').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe(
      fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ROADMAP.md'), 'utf8'),
    );
  });
});

describe('GET /docs/', () => {
  it('renders Swagger UI', async () => {
    const res = await request(app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('swagger-ui');
    const init = await request(app).get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/api/v1/articles');
  });
});
