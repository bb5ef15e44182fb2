/**
 * Sign-in with an OpenID Connect provider (GitHub via an OIDC bridge, Google, Keycloak...):
 * authorization-code flow with PKCE, state and nonce (openid-client). The first sign-in
 * links the local account with the same verified email, or creates one.
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import {
  errors,
  generators,
  Issuer,
  type BaseClient,
  type CallbackParamsType,
} from 'openid-client';
import type { Config } from '../config';
import { User } from '../models';
import { AppError, NotFoundError, ServiceUnavailableError } from '../utils/errors';
import { isDuplicateKeyError } from '../utils/mongo';
import { startSession } from './refresh-token.service';

export type OidcSettings = Config['oidc'];

/** What must survive between the redirect to the provider and the callback. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const clients = new Map<string, Promise<BaseClient>>();

function clientFor(settings: OidcSettings): Promise<BaseClient> {
  if (!settings.issuerUrl || !settings.clientId)
    throw new NotFoundError('oidc', 'sign-in is not configured');
  const key = `${settings.issuerUrl}|${settings.clientId}`;
  if (!clients.has(key)) {
    const discovered = Issuer.discover(settings.issuerUrl).then(
      (issuer) =>
        new issuer.Client({
          client_id: settings.clientId!,
          client_secret: settings.clientSecret,
          redirect_uris: [settings.redirectUri],
          response_types: ['code'],
        }),
    );
    // A failed discovery is retried on the next sign-in, not cached.
    discovered.catch(() => clients.delete(key));
    clients.set(key, discovered);
  }
  return clients.get(key)!.catch(() => {
    throw new ServiceUnavailableError('oidc', 'provider discovery failed');
  });
}

/** The provider URL to send the browser to, and the checks to keep (in the session). */
export async function startSignIn(settings: OidcSettings) {
  const client = await clientFor(settings);
  const checks: OidcChecks = {
    state: generators.state(),
    nonce: generators.nonce(),
    codeVerifier: generators.codeVerifier(),
  };
  const url = client.authorizationUrl({
    scope: 'openid email profile',
    code_challenge: generators.codeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  });
  return { url, checks };
}

function usernameFrom(claims: Record<string, unknown>, email: string): string {
  const wanted = String(claims.preferred_username ?? claims.nickname ?? email.split('@')[0]);
  return wanted.replace(/[^\w.-]/g, '').slice(0, 30) || 'user';
}

async function findOrCreateUser(issuer: string, claims: Record<string, unknown>) {
  const identity = `${issuer}|${String(claims.sub)}`;
  const linked = await User.findOne({ identities: identity });
  if (linked) return linked;

  const email = String(claims.email).toLowerCase();
  const existing = await User.findOne({ email });
  if (existing) {
    existing.identities.push(identity);
    existing.emailVerified = true; // the provider vouched for it
    return existing.save();
  }
  // Nobody knows this password: the account signs in through the provider (or a reset).
  const passwordHash = await bcrypt.hash(randomBytes(32).toString('hex'), 4);
  const base = usernameFrom(claims, email);
  for (let attempt = 0; ; attempt += 1) {
    const username = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
    try {
      return await User.create({
        username,
        email,
        passwordHash,
        emailVerified: true,
        identities: [identity],
      });
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 4) throw err;
    }
  }
}

/** Completes the code flow; 401 on a provider error, a tampered state or a wrong nonce. */
export async function finishSignIn(
  settings: OidcSettings,
  params: CallbackParamsType,
  checks: OidcChecks,
) {
  const client = await clientFor(settings);
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.callback(settings.redirectUri, params, {
      state: checks.state,
      nonce: checks.nonce,
      code_verifier: checks.codeVerifier,
    });
    claims = tokens.claims();
  } catch (err) {
    if (err instanceof errors.OPError) {
      throw new AppError(401, 'OIDC_PROVIDER_ERROR', {
        oidc: [err.error_description ?? err.error ?? 'sign-in failed'],
      });
    }
    if (err instanceof errors.RPError)
      throw new AppError(401, 'OIDC_INVALID', { oidc: [err.message] });
    throw err;
  }
  if (typeof claims.email !== 'string' || claims.email_verified !== true) {
    throw new AppError(403, 'OIDC_EMAIL_UNVERIFIED', {
      oidc: ['the provider did not vouch for a verified email'],
    });
  }
  const user = await findOrCreateUser(client.issuer.metadata.issuer, claims);
  if (user.status === 'banned')
    throw new AppError(403, 'FORBIDDEN', { user: ['this account is banned'] });
  return startSession(user._id.toString());
}
