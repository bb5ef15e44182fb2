/**
 * The app's rate limiters, built once per app by createApp (they may share a Redis) and
 * handed to the route factories.
 */
import type { Request } from 'express';
import type { Config } from '../config';
import type { RedisClient } from '../db/redis';
import { clientIp, createFailureLimiter, createRateLimiter } from './rate-limit';

function accountKey(req: Request): string {
  const body = req.body as { user?: { email?: unknown } } | undefined;
  const email = body?.user?.email;
  // Malformed bodies are counted by IP; validation answers them anyway.
  return typeof email === 'string'
    ? `account:${email.trim().toLowerCase()}`
    : `ip:${clientIp(req)}`;
}

/** Behind auth.required: the signed-in user. */
const userKey = (req: Request) => `user:${req.auth?.id ?? clientIp(req)}`;

type LimitSettings = Pick<
  Config['http'],
  'rateLimit' | 'authRateLimit' | 'loginLock' | 'writeLimits'
>;

export function createLimiters(settings: LimitSettings, keyPrefix: string, redis?: RedisClient) {
  const prefix = `${keyPrefix}rl:`;
  const { rateLimit, authRateLimit, loginLock, writeLimits } = settings;
  return {
    global: createRateLimiter({
      ...rateLimit,
      prefix: `${prefix}global:`,
      redis,
      per: 'client IP',
    }),
    /** Sign-up, login, token refresh, password reset: few per IP. */
    authByIp: createRateLimiter({
      ...authRateLimit,
      prefix: `${prefix}auth-ip:`,
      per: 'client IP',
      redis,
      keyGenerator: clientIp,
    }),
    /**
     * Failed logins per account *and* client IP: after `maxFailures` wrong passwords that
     * pair is locked for `lockMs`. Keyed by account alone, anyone could lock a known
     * account out; the per-IP limit above bounds guesses spread over many accounts.
     */
    loginByAccount: createFailureLimiter({
      windowMs: loginLock.lockMs,
      max: loginLock.maxFailures,
      prefix: `${prefix}login-fail:`,
      per: 'account and client IP',
      redis,
      keyGenerator: (req) => `${accountKey(req)}|ip:${clientIp(req)}`,
      message: 'too many failed logins for this account; try again later',
    }),
    /** Password-reset emails per account, so nobody floods one inbox from many IPs. */
    resetByAccount: createRateLimiter({
      windowMs: authRateLimit.windowMs,
      max: loginLock.maxFailures,
      prefix: `${prefix}reset-account:`,
      per: 'account',
      redis,
      keyGenerator: accountKey,
      message: 'too many password reset requests for this account; try again later',
    }),
    /** Articles created or updated per user (OWASP API4: bounded writes). */
    articleWrites: createRateLimiter({
      windowMs: writeLimits.windowMs,
      max: writeLimits.articles,
      prefix: `${prefix}article-writes:`,
      per: 'user',
      redis,
      keyGenerator: userKey,
      message: 'too many article writes; try again later',
    }),
    /** Comments posted per user. */
    commentWrites: createRateLimiter({
      windowMs: writeLimits.windowMs,
      max: writeLimits.comments,
      prefix: `${prefix}comment-writes:`,
      per: 'user',
      redis,
      keyGenerator: userKey,
      message: 'too many comments; try again later',
    }),
    /** Direct messages sent per user (over HTTP; sockets have their own event rate). */
    messageWrites: createRateLimiter({
      windowMs: writeLimits.windowMs,
      max: writeLimits.messages,
      prefix: `${prefix}message-writes:`,
      per: 'user',
      redis,
      keyGenerator: userKey,
      message: 'too many messages; try again later',
    }),
  };
}

export type Limiters = ReturnType<typeof createLimiters>;
