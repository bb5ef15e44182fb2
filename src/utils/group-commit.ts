/**
 * Group commit: writes that arrive while one is in flight wait for it, then go together in
 * the next call of `writeMany` — under load, one database write for many; idle, no wait at
 * all. A failed write fails every item of its batch. Batching by DataLoader (no per-key
 * cache: every item is a new write).
 */
import DataLoader from 'dataloader';

export function groupCommit<T, R>(
  writeMany: (items: T[]) => Promise<R[]>,
  maxBatchSize = 500,
): (item: T) => Promise<R> {
  let inFlight: Promise<unknown> = Promise.resolve();
  const loader = new DataLoader<T, R>(
    (items) => {
      const written = writeMany([...items]);
      inFlight = written.catch(() => undefined);
      return written;
    },
    // The next batch starts once the write in flight is done; until then, items gather.
    { cache: false, maxBatchSize, batchScheduleFn: (run) => void inFlight.then(run) },
  );
  return (item) => loader.load(item);
}
