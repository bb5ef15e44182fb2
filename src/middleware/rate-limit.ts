import rateLimit from 'express-rate-limit';
import { TooManyRequestsError } from '../utils/errors';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
}

/**
 * A fixed-window limiter (memory store) answering 429 in the error shape, with the IETF
 * `RateLimit`/`RateLimit-Policy` headers and `Retry-After`. Client IPs honour `trust proxy`.
 */
export function createRateLimiter({ windowMs, max }: RateLimitOptions) {
  return rateLimit({
    windowMs,
    limit: max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new TooManyRequestsError()),
  });
}
