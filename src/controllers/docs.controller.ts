import type { RequestHandler } from 'express';

/**
 * Serves the documents built at start-up: OpenAPI (HTTP), AsyncAPI (Socket.IO), and the
 * topic map (docs/ROADMAP.md, Markdown as text: it reads well as it is), when present.
 */
export const createDocsController = (documents: {
  openApi: object;
  asyncApi: object;
  roadmap?: string;
}): Record<'openApiJson' | 'asyncApiJson' | 'roadmap', RequestHandler> => ({
  openApiJson: (_req, res) => {
    res.json(documents.openApi);
  },
  asyncApiJson: (_req, res) => {
    res.json(documents.asyncApi);
  },
  roadmap: (_req, res, next) => {
    if (documents.roadmap === undefined) return next();
    // text/plain, not text/markdown: browsers show it instead of downloading it.
    res.type('text/plain; charset=utf-8').send(documents.roadmap);
  },
});
