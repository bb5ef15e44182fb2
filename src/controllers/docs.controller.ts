import type { RequestHandler } from 'express';

/** Serves the API documents built at start-up: OpenAPI (HTTP) and AsyncAPI (Socket.IO). */
export const createDocsController = (documents: {
  openApi: object;
  asyncApi: object;
}): Record<'openApiJson' | 'asyncApiJson', RequestHandler> => ({
  openApiJson: (_req, res) => {
    res.json(documents.openApi);
  },
  asyncApiJson: (_req, res) => {
    res.json(documents.asyncApi);
  },
});
