/** Tokens, sessions, password hashing and OpenID Connect sign-in. */
import Joi from 'joi';
import { byEnvironment, DURATION, optional, type EnvOf } from './variables';

// Local-only defaults: production must set every secret explicitly.
const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';
const DEV_SESSION_SECRET = 'dev-only-insecure-session-secret-change-me-0123';

/** A secret of at least 32 characters: required in production, and not the local default. */
const secret = (localDefault: string) =>
  Joi.string()
    .min(32)
    .when(
      'NODE_ENV',
      byEnvironment(
        Joi.string().required().invalid(localDefault),
        Joi.string().default(localDefault),
      ),
    );

export const authVariables = {
  JWT_SECRET: secret(DEV_JWT_SECRET),
  JWT_EXPIRES_IN: Joi.string().pattern(DURATION).default('15m'),
  USER_TOKEN_EXPIRES_IN: Joi.string().pattern(DURATION).default('1d'),
  REFRESH_TOKEN_TTL_DAYS: Joi.number().integer().min(1).max(365).default(30),
  SESSION_SECRET: secret(DEV_SESSION_SECRET),
  SESSION_TTL_HOURS: Joi.number()
    .integer()
    .min(1)
    .max(24 * 90)
    .default(7 * 24),
  BCRYPT_ROUNDS: Joi.number()
    .integer()
    .min(4)
    .max(15)
    .when('NODE_ENV', {
      is: 'test',
      then: Joi.number().default(4),
      otherwise: Joi.number().default(10),
    }),
  OIDC_ISSUER_URL: optional(Joi.string().uri({ scheme: ['http', 'https'] })),
  OIDC_CLIENT_ID: optional(
    Joi.string().when('OIDC_ISSUER_URL', { is: Joi.exist(), then: Joi.required() }),
  ),
  OIDC_CLIENT_SECRET: optional(
    Joi.string().when('OIDC_ISSUER_URL', { is: Joi.exist(), then: Joi.required() }),
  ),
  OIDC_REDIRECT_URI: optional(Joi.string().uri({ scheme: ['http', 'https'] })),
};

export const authConfig = (env: EnvOf<typeof authVariables>) => ({
  jwt: {
    secret: env.JWT_SECRET,
    /** Lifetime of the access tokens of /api/v1/auth/* (they come with refresh tokens). */
    accessTokenExpiresIn: env.JWT_EXPIRES_IN,
    /** Lifetime of the RealWorld `user.token`: its clients have no refresh logic. */
    userTokenExpiresIn: env.USER_TOKEN_EXPIRES_IN,
    refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
  },
  session: { secret: env.SESSION_SECRET, ttlHours: env.SESSION_TTL_HOURS },
  bcryptRounds: env.BCRYPT_ROUNDS,
  /** OpenID Connect sign-in; off unless an issuer is configured. */
  oidc: {
    issuerUrl: env.OIDC_ISSUER_URL,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    /** Unset: the public URL's /api/v1/auth/oidc/callback. */
    redirectUri: env.OIDC_REDIRECT_URI,
  },
});
