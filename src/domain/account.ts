/** Rules about accounts that several flows share. */
import { ForbiddenError } from '../utils/errors';

/** A banned account gets no credential of any kind: 403 wherever it tries to sign in. */
export function assertActive(user: { status?: string | null }): void {
  if (user.status === 'banned') throw new ForbiddenError('this account is banned', 'user');
}
