/**
 * Sign-in with an OpenID Connect provider (GitHub via an OIDC bridge, Google, Keycloak...):
 * authorization-code flow with PKCE, state and nonce (openid-client). The first sign-in
 * links the local account with the same verified email, or creates one.
 */
import { randomBytes } from 'node:crypto';
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
import { retryOnDuplicate } from '../utils/mongo';
import type { PasswordService } from './password.service';
import type { RefreshTokenService } from './refresh-token.service';

type OidcSettings = Config['oidc'];

/** What must survive between the redirect to the provider and the callback. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

interface Deps {
  settings: OidcSettings;
  refreshTokens: RefreshTokenService;
  passwords: PasswordService;
  /** The redirect URI's base when OIDC_REDIRECT_URI is not set. */
  publicUrl: () => string;
}

function usernameFrom(claims: Record<string, unknown>, email: string): string {
  const wanted = String(claims.preferred_username ?? claims.nickname ?? email.split('@')[0]);
  return wanted.replace(/[^\w.-]/g, '').slice(0, 30) || 'user';
}

export function createOidcService({ settings, refreshTokens, passwords, publicUrl }: Deps) {
  let client: Promise<BaseClient> | undefined;
  const redirectUri = () => settings.redirectUri ?? `${publicUrl()}/api/v1/auth/oidc/callback`;

  /** The provider's client, discovered on first use; a failed discovery is retried next time. */
  function providerClient(): Promise<BaseClient> {
    const { issuerUrl, clientId, clientSecret } = settings;
    if (!issuerUrl || !clientId) throw new NotFoundError('oidc', 'sign-in is not configured');
    client ??= Issuer.discover(issuerUrl).then(
      (issuer) =>
        new issuer.Client({
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri()],
          response_types: ['code'],
        }),
    );
    const discovering = client;
    return discovering.catch(() => {
      if (client === discovering) client = undefined;
      throw new ServiceUnavailableError('oidc', 'provider discovery failed');
    });
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
    const passwordHash = await passwords.hash(randomBytes(32).toString('hex'));
    const base = usernameFrom(claims, email);
    return retryOnDuplicate((attempt) =>
      User.create({
        username: attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`,
        email,
        passwordHash,
        emailVerified: true,
        identities: [identity],
      }),
    );
  }

  return {
    /** The provider URL to send the browser to, and the checks to keep (in the session). */
    async startSignIn() {
      const provider = await providerClient();
      const checks: OidcChecks = {
        state: generators.state(),
        nonce: generators.nonce(),
        codeVerifier: generators.codeVerifier(),
      };
      const url = provider.authorizationUrl({
        redirect_uri: redirectUri(),
        scope: 'openid email profile',
        code_challenge: generators.codeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url, checks };
    },

    /** Completes the code flow; 401 on a provider error, a tampered state or a wrong nonce. */
    async finishSignIn(params: CallbackParamsType, checks: OidcChecks) {
      const provider = await providerClient();
      let claims: Record<string, unknown>;
      try {
        const tokens = await provider.callback(redirectUri(), params, {
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
      const user = await findOrCreateUser(provider.issuer.metadata.issuer, claims);
      return refreshTokens.issuePair(user);
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
