/**
 * HTTP caching of API reads. Express already answers every GET with a weak ETag and turns
 * a matching If-None-Match into 304 Not Modified; this adds who may keep the answer:
 * - anonymous reads are the same for everyone: `public`, revalidated on each use (the
 *   ETag makes that a 304 without a body), so browsers, nginx and CDNs may share them;
 * - answers to a request with a credential (token or session cookie) are the actor's
 *   own (`following`, `favorited`, tokens): `private, no-store`.
 * `Vary` keeps a shared cache from handing one actor's answer to another. Errors are
 * marked `no-store` by the error handler.
 */
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from './session';

export const httpCaching: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const actorAware =
      req.get('Authorization') !== undefined || Boolean(req.cookies?.[SESSION_COOKIE]);
    res.set(
      'Cache-Control',
      actorAware ? 'private, no-store' : 'public, max-age=0, must-revalidate',
    );
    res.vary('Origin'); // CORS headers are added only for cross-origin requests
    res.vary('Authorization');
    res.vary('Cookie');
  }
  next();
};
