/**
 * A Vercel function (Node.js runtime): a plain (req, res) handler around the same
 * Express app. Vercel's request helpers (req.query, req.cookies, a lazily parsed
 * req.body) leave the body stream unread, so Express parses it as on a server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { warmApp, type WarmAppDeps } from './warm-app';

export type VercelHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createVercelHandler(config: Readonly<Config>, deps?: WarmAppDeps): VercelHandler {
  const { app, ready, settled } = warmApp(config, deps);
  return async (req, res) => {
    await ready();
    await new Promise<void>((resolve) => {
      res.once('close', resolve);
      app(req, res);
    });
    await settled();
  };
}
