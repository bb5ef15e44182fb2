/**
 * Security headers (helmet), in two profiles:
 * - JSON (the API, probes, metrics): what the OWASP REST Security Cheat Sheet asks of an
 *   API — `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`, HSTS,
 *   nosniff, `X-Frame-Options: DENY`, no referrer — six headers, not helmet's twelve,
 *   since browser features for pages (COOP, Origin-Agent-Cluster, DNS prefetch…) do not
 *   apply to JSON;
 * - pages (Swagger UI, GraphiQL, static files): helmet's defaults.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const JSON_PATHS = /^\/(api\/|health(\/|$)|metrics$)/;

export function securityHeaders(): RequestHandler {
  const forPages = helmet();
  const forJson = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  return (req, res, next) => (JSON_PATHS.test(req.path) ? forJson : forPages)(req, res, next);
}
