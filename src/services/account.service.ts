/**
 * Account flows by email: verify the address, reset a forgotten password. Tokens are
 * random, stored hashed, single-use and short-lived.
 */
import { assertStrongPassword } from '../domain/password-policy';
import type { JobQueue } from '../jobs/job-types';
import type { Mailer } from '../mail/mailer';
import { AccountToken, User } from '../models';
import { after, type Clock } from '../utils/clock';
import { BadRequestError } from '../utils/errors';
import { randomToken, sha256 } from '../utils/secure-token';
import type { CredentialService } from './credential.service';
import type { PasswordService } from './password.service';

type Purpose = 'verify-email' | 'reset-password';

const TTL_MS: Record<Purpose, number> = {
  'verify-email': 24 * 60 * 60 * 1000,
  'reset-password': 30 * 60 * 1000,
};

interface Deps {
  mailer: Mailer;
  /** Emails go out as jobs: the request only stores the job (see src/jobs). */
  jobs: JobQueue;
  clock: Clock;
  passwords: PasswordService;
  credentials: CredentialService;
  /** Public base URL of the app, for the links in emails. */
  /** The base of emailed links. */
  publicUrl: () => string;
}

export function createAccountService({
  mailer,
  jobs,
  clock,
  passwords,
  credentials,
  publicUrl,
}: Deps) {
  async function issueToken(userId: string, purpose: Purpose): Promise<string> {
    // A new link replaces older ones of the same kind.
    await AccountToken.deleteMany({ user: userId, purpose });
    const token = randomToken();
    await AccountToken.create({
      tokenHash: sha256(token),
      user: userId,
      purpose,
      expiresAt: after(clock, TTL_MS[purpose]),
    });
    return token;
  }

  /** Deletes the token and returns its user id; 400 when it is unknown, used or expired. */
  async function consumeToken(token: string, purpose: Purpose): Promise<string> {
    const stored = await AccountToken.findOne({ tokenHash: sha256(token), purpose }).lean();
    // The delete's count decides: of concurrent uses of one token, exactly one wins.
    const { deletedCount } = stored
      ? await AccountToken.deleteOne({ _id: stored._id })
      : { deletedCount: 0 };
    if (!stored || deletedCount !== 1 || stored.expiresAt < clock.now()) {
      throw new BadRequestError('is invalid, expired or already used', 'token', 'TOKEN_INVALID');
    }
    return stored.user.toString();
  }

  /** The job: emails a verification link (a no-op for an already verified address). */
  async function sendVerificationEmail(userId: string) {
    const user = await User.findById(userId).select('email emailVerified').lean();
    if (!user || user.emailVerified) return;
    const token = await issueToken(userId, 'verify-email');
    const link = `${publicUrl()}/api/v1/auth/verify-email?token=${token}`;
    await mailer.send({
      to: user.email,
      subject: 'Confirm your email address',
      text: `Welcome to Conduit! Confirm your address by opening this link within 24 hours:\n\n${link}\n`,
    });
  }

  return {
    sendVerificationEmail,

    /** Queues the verification email (sign-up, or asked again). */
    requestVerificationEmail: (userId: string) => jobs.enqueue('email.verification', { userId }),

    /** The job: emails a password-reset link, unless the account was banned meanwhile. */
    async sendPasswordResetEmail(userId: string) {
      const user = await User.findById(userId).select('email status').lean();
      if (!user || user.status === 'banned') return;
      const token = await issueToken(userId, 'reset-password');
      const link = `${publicUrl()}/reset-password?token=${token}`;
      await mailer.send({
        to: user.email,
        subject: 'Reset your password',
        text: `Someone asked to reset your Conduit password. If it was you, open this link within 30 minutes:\n\n${link}\n\nOtherwise ignore this email.`,
      });
    },

    async verifyEmail(token: string) {
      const userId = await consumeToken(token, 'verify-email');
      await User.updateOne({ _id: userId }, { $set: { emailVerified: true } });
    },

    /**
     * Same answer whether or not the address is registered: nobody learns who has an
     * account. A registered one only costs a stored job, not an email sent in the request.
     */
    async requestPasswordReset(email: string) {
      const user = await User.findOne({ email: email.toLowerCase() }).select('status').lean();
      if (!user || user.status === 'banned') return;
      await jobs.enqueue('email.password-reset', { userId: user._id.toString() });
    },

    /** Sets the new password and signs the user out everywhere. */
    async resetPassword(token: string, password: string) {
      assertStrongPassword(password); // before the token is spent: a weak choice can be retried
      const userId = await consumeToken(token, 'reset-password');
      await credentials.revokeAll(userId, { passwordHash: await passwords.hash(password) });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
