/**
 * The app's rate limiters, built once per app by createApp (they may share a Redis) and
 * handed to the route factories.
 */
import type { Request } from 'express';
import type { Config } from '../config';
import type { RedisClient } from '../db/redis';
import { clientIp, createRateLimiter } from './rate-limit';

function accountKey(req: Request): string {
  const body = req.body as { user?: { email?: unknown } } | undefined;
  const email = body?.user?.email;
  // Malformed bodies are counted by IP; validation answers them anyway.
  return typeof email === 'string'
    ? `account:${email.trim().toLowerCase()}`
    : `ip:${clientIp(req)}`;
}

type LimitSettings = Pick<Config['http'], 'rateLimit' | 'authRateLimit' | 'loginLock'>;

export function createLimiters(settings: LimitSettings, keyPrefix: string, redis?: RedisClient) {
  const prefix = `${keyPrefix}rl:`;
  const { rateLimit, authRateLimit, loginLock } = settings;
  return {
    global: createRateLimiter({ ...rateLimit, prefix: `${prefix}global:`, redis }),
    /** Sign-up, login, token refresh, password reset: few per IP. */
    authByIp: createRateLimiter({
      ...authRateLimit,
      prefix: `${prefix}auth-ip:`,
      redis,
      keyGenerator: clientIp,
    }),
    /** Failed logins per account: after `maxFailures`, the account is locked for `lockMs`. */
    loginByAccount: createRateLimiter({
      windowMs: loginLock.lockMs,
      max: loginLock.maxFailures,
      prefix: `${prefix}login-fail:`,
      redis,
      keyGenerator: accountKey,
      skipSuccessfulRequests: true,
      message: 'too many failed logins for this account; try again later',
    }),
    /** Password-reset emails per account, so nobody floods one inbox from many IPs. */
    resetByAccount: createRateLimiter({
      windowMs: authRateLimit.windowMs,
      max: loginLock.maxFailures,
      prefix: `${prefix}reset-account:`,
      redis,
      keyGenerator: accountKey,
      message: 'too many password reset requests for this account; try again later',
    }),
  };
}

export type Limiters = ReturnType<typeof createLimiters>;
