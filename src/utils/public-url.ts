/**
 * The base of every link the API gives out (file URLs, links in emails): APP_URL when it
 * is set; else, behind a trusted proxy, the host the client asked that proxy for
 * (X-Forwarded-Host, noted per request by `noteForwardedOrigin`); else this server, on
 * localhost at the port it listens on. Never a direct request's own Host header: anyone
 * could then make the API hand out links to their site — a password-reset email
 * "poisoned" that way sends the reset token to them.
 */
import type { RequestHandler } from 'express';
import { getRequestOrigin, setRequestOrigin } from './request-context';

export function createPublicUrl(appUrl: string | undefined, port: number) {
  let listeningPort = port;
  return {
    /** The base URL, without a trailing slash. */
    base: (): string => appUrl ?? getRequestOrigin() ?? `http://localhost:${listeningPort}`,
    /** Called once the server listens: with PORT=0, or a port taken over, links still work. */
    listeningOn(actualPort: number) {
      listeningPort = actualPort;
    },
  };
}

/**
 * Notes the origin a trusted proxy forwarded (`https://api.example.com`): Express's
 * `req.protocol` already follows X-Forwarded-Proto from a trusted proxy only; the host is
 * the first X-Forwarded-Host, kept only if it is a bare host[:port].
 */
export const noteForwardedOrigin: RequestHandler = (req, _res, next) => {
  const forwarded = req.get('X-Forwarded-Host')?.split(',')[0]?.trim();
  const trusted = req.app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  if (forwarded && trusted(req.socket.remoteAddress ?? '', 0)) {
    try {
      const url = new URL(`${req.protocol}://${forwarded}`);
      if (url.host === forwarded.toLowerCase()) setRequestOrigin(url.origin);
    } catch {
      // not a host: links fall back to the default
    }
  }
  next();
};
