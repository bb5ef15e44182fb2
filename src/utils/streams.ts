/** Small stream tools for uploads: look at the first bytes, count and hash the rest. */
import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * Reads up to `bytes` from the start of `source` and returns them, with a stream that
 * still yields every byte (the head put back in front of the rest). Destroying that
 * stream does not destroy `source` — a multipart parser would fail the whole request —
 * but drains what is left of it.
 */
export async function peek(
  source: Readable,
  bytes: number,
): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let length = 0;
  // destroyOnReturn: false — stopping after the head must not destroy the source.
  for await (const chunk of source.iterator({ destroyOnReturn: false })) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= bytes) break;
  }
  const head = Buffer.concat(chunks);
  // for-await stopped early: the rest of the source is still unread.
  const rest = Readable.from(
    (async function* () {
      try {
        yield head;
        // Not `yield*`: that would pass a destroy's error into the source and abort it.
        for await (const chunk of source.iterator({ destroyOnReturn: false })) yield chunk;
      } finally {
        if (!source.readableEnded) source.resume();
      }
    })(),
  );
  return { head: head.subarray(0, bytes), stream: rest };
}

/**
 * Passes bytes through, counting and hashing them; fails with `onLimit()` as soon as more
 * than `limit` bytes went by. `size` and `sha256` are final once the stream has ended.
 */
export class ByteMeter extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');

  constructor(
    private readonly limit: number,
    private readonly onLimit: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.limit) return done(this.onLimit());
    this.hash.update(chunk);
    done(null, chunk);
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }
}
