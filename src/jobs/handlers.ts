/** What each job does: a call to the same services the API uses (the worker builds them too). */
import type { Services } from '../services';
import type { JobHandlers } from './job-types';

export function createJobHandlers({ accounts, attachments }: Services): JobHandlers {
  return {
    'email.verification': ({ userId }) => accounts.sendVerificationEmail(userId),
    'email.password-reset': ({ userId }) => accounts.sendPasswordResetEmail(userId),
    'image.thumbnail': ({ fileId }) => attachments.makeThumbnail(fileId),
  };
}
