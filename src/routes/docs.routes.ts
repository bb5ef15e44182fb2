import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import * as docsController from '../controllers/docs.controller';

/** /docs/openapi.json and Swagger UI at /docs/. */
export const docsRouter = Router();

docsRouter.get('/openapi.json', docsController.openApiJson);
docsRouter.use('/', swaggerUi.serve, swaggerUi.setup(docsController.openApiDocument, { customSiteTitle: 'Conduit API docs' }));
