import SwaggerParser from '@apidevtools/swagger-parser';
import type { Router } from 'express';
import request from 'supertest';
import { OPERATIONS } from '../../src/docs/operations';
import { apiV1Router } from '../../src/routes';
import { adminRouter } from '../../src/routes/admin.routes';
import { articleRouter } from '../../src/routes/article.routes';
import { authRouter } from '../../src/routes/auth.routes';
import { healthRouter } from '../../src/routes/health.routes';
import { profileRouter } from '../../src/routes/profile.routes';
import { tagRouter } from '../../src/routes/tag.routes';
import { userRouter } from '../../src/routes/user.routes';
import { buildApp } from '../helpers/app';

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

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

function routesOf(router: Router, prefix: string): string[] {
  return (router.stack as RouteLayer[])
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((method) =>
        `${method} ${prefix}${layer.route!.path}`.replace(/\/$/, ''),
      ),
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

  it('documents exactly the routes the routers serve', () => {
    expect(apiV1Router.stack).toHaveLength(6); // every router mounted there is listed below
    const served = [
      ...routesOf(userRouter, '/api/v1'),
      ...routesOf(profileRouter, '/api/v1/profiles'),
      ...routesOf(articleRouter, '/api/v1/articles'),
      ...routesOf(tagRouter, '/api/v1/tags'),
      ...routesOf(authRouter, '/api/v1/auth'),
      ...routesOf(adminRouter, '/api/v1/admin'),
      ...routesOf(healthRouter, '/health'),
    ];
    const documented = OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect([...served].sort()).toEqual([...documented].sort());
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

  it('is off in production unless DOCS_ENABLED is set', async () => {
    const prod = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:1/x',
      JWT_SECRET: 's'.repeat(40),
      SESSION_SECRET: 't'.repeat(40),
    };
    await request(buildApp(prod)).get('/docs/openapi.json').expect(404);
    await request(buildApp({ ...prod, DOCS_ENABLED: 'true' }))
      .get('/docs/openapi.json')
      .expect(200);
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
