/**
 * An Express router that also remembers what was declared on it (method, path, handler
 * chain), so the OpenAPI document is read from the very routes Express serves.
 * `router.put('/:slug', auth.required, validate(s.update), c.update)` reads and works
 * exactly like Express's own; `router.express` is the Router to mount.
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
  const express = Router();
  const routes: DeclaredRoute[] = [];
  const declare =
    (method: Method) =>
    (path: string, ...handlers: RequestHandler[]) => {
      routes.push({ method, path, handlers });
      express[method](path, ...handlers);
    };
  return {
    express,
    routes,
    get: declare('get'),
    post: declare('post'),
    put: declare('put'),
    patch: declare('patch'),
    delete: declare('delete'),
  };
}

export type DocumentedRouter = ReturnType<typeof documentedRouter>;
