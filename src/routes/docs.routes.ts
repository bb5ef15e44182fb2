import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { createDocsController } from '../controllers/docs.controller';

/** /docs: the OpenAPI and AsyncAPI documents, the topic map, and Swagger UI for the first. */
export function docsRoutes(docs: ReturnType<typeof createDocsController>, openApi: object) {
  const router = Router();
  router.get('/openapi.json', docs.openApiJson);
  router.get('/asyncapi.json', docs.asyncApiJson);
  router.get('/roadmap.md', docs.roadmap);
  router.use(swaggerUi.serve, swaggerUi.setup(openApi, { customSiteTitle: 'Conduit API docs' }));
  return router;
}
