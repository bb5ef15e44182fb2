/**
 * A router that records what is declared on it (method, path, handler chain) instead of
 * registering it at once: `router.put('/:slug', auth.required, validate(s.update), c.update)`
 * reads exactly like Express's own. app.ts turns the records into an Express Router (adding
 * what every route of a mount needs, like the database check), and the OpenAPI document is
 * read from the same records: what is served is what is documented.
 */
import { Router, type RequestHandler } from 'express';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface DeclaredRoute {
  method: Method;
  /** Express-style, relative to where the router is mounted, e.g. /:slug */
  path: string;
  handlers: RequestHandler[];
}

export function documentedRouter() {
  const routes: DeclaredRoute[] = [];
  const declare =
    (method: Method) =>
    (path: string, ...handlers: RequestHandler[]) => {
      routes.push({ method, path, handlers });
    };
  return {
    routes,
    get: declare('get'),
    post: declare('post'),
    put: declare('put'),
    patch: declare('patch'),
    delete: declare('delete'),
  };
}

export type DocumentedRouter = ReturnType<typeof documentedRouter>;

/** The Express Router serving `router`'s routes, each behind `before` (may be empty). */
export function toExpressRouter(router: DocumentedRouter, before: RequestHandler[] = []): Router {
  const express = Router();
  for (const { method, path, handlers } of router.routes) express[method](path, ...before, ...handlers);
  return express;
}
