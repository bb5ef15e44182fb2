/**
 * Password hashing with bcrypt. Its work runs on libuv's thread pool (the async API), so
 * hashing never blocks the event loop; the cost factor comes from config.
 */
import bcrypt from 'bcrypt';

export function createPasswordService(rounds: number) {
  // Compared against when an account is unknown, so both failures take as long.
  const dummyHash = bcrypt.hash('timing-equaliser', rounds);

  return {
    hash: (password: string) => bcrypt.hash(password, rounds),
    /** Whether `password` matches `hash`; without a hash it still spends the same time. */
    async matches(password: string, hash: string | undefined): Promise<boolean> {
      const matched = await bcrypt.compare(password, hash ?? (await dummyHash));
      return matched && hash !== undefined;
    },
  };
}

export type PasswordService = ReturnType<typeof createPasswordService>;
