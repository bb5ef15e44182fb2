import type { RequestHandler } from 'express';

/** Serves the OpenAPI document built at start-up. */
export const createDocsController = (document: object): { openApiJson: RequestHandler } => ({
  openApiJson: (_req, res) => {
    res.json(document);
  },
});
