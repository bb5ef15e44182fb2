import type { Request, Response } from 'express';
import { buildOpenApiDocument } from '../docs/openapi';

// Built once: the document depends only on code.
export const openApiDocument = buildOpenApiDocument();

export function openApiJson(_req: Request, res: Response) {
  res.json(openApiDocument);
}
