import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';

/**
 * Pipes `streams` into the response with backpressure. When the client goes away first,
 * pipeline destroys the sources — closing a file handle or a database cursor — and that
 * is the end of it, not an error.
 */
export async function sendStream(
  res: Response,
  ...streams: NodeJS.ReadableStream[]
): Promise<void> {
  try {
    await pipeline([...streams, res]);
  } catch (err) {
    // The response closed before the end: the client hung up. Any other error is real.
    if (err instanceof Error && 'code' in err && err.code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw err;
  }
}
