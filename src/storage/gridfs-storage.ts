/**
 * Files in MongoDB GridFS (bucket `uploads`): 255 kB chunks in `uploads.chunks`, one
 * document per file in `uploads.files`. A good fit where instances share no disk; the
 * bytes are backed up with the database.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose from 'mongoose';
import { assertStorageId, type ByteRange, type FileStorage } from './file-storage';

const BUCKET = 'uploads';
// Chunks fetched per round trip: 4 × 255 kB. The driver's own download stream leaves the
// batch size to the server, and FerretDB then sends every chunk at once: a 100 MB file
// was held whole in memory (measured by npm run bench:files).
const CHUNKS_PER_BATCH = 4;

/**
 * The bytes of a file, or of a range of it, a few chunks at a time. Stopping early (the
 * client hung up) returns the generator, which closes the cursor.
 */
async function* chunksOf(id: mongoose.Types.ObjectId, range?: ByteRange): AsyncGenerator<Buffer> {
  const db = mongoose.connection.db!;
  const file = await db.collection(`${BUCKET}.files`).findOne({ _id: id });
  if (!file) throw Object.assign(new Error(`no stored file ${String(id)}`), { code: 'ENOENT' });
  const chunkSize = Number(file.chunkSize);
  const start = range?.start ?? 0;
  const end = range?.end ?? Number(file.length) - 1;
  const cursor = db
    .collection<{ n: number; data: mongoose.mongo.Binary }>(`${BUCKET}.chunks`)
    .find({
      files_id: id,
      n: { $gte: Math.floor(start / chunkSize), $lte: Math.floor(end / chunkSize) },
    })
    .sort({ n: 1 })
    .batchSize(CHUNKS_PER_BATCH);
  for await (const { n, data } of cursor) {
    const offset = n * chunkSize;
    const bytes = Buffer.from(data.buffer);
    yield bytes.subarray(Math.max(0, start - offset), Math.min(bytes.length, end - offset + 1));
  }
}

export function createGridFsStorage(): FileStorage {
  // The bucket follows the default connection, whatever database it is on now.
  const bucket = () =>
    new mongoose.mongo.GridFSBucket(mongoose.connection.db!, { bucketName: BUCKET });
  const oid = (id: string) => new mongoose.Types.ObjectId(assertStorageId(id));

  return {
    driver: 'gridfs',

    async write(id, source) {
      const upload = bucket().openUploadStreamWithId(oid(id), id);
      try {
        await pipeline(source, upload);
      } catch (err) {
        // Chunks written before the failure go too — after the inserts still in flight,
        // or one of them would land after the delete.
        while (upload.state.outstandingRequests > 0) await new Promise((r) => setTimeout(r, 10));
        await mongoose.connection
          .db!.collection(`${BUCKET}.chunks`)
          .deleteMany({ files_id: oid(id) });
        throw err;
      }
    },

    read(id, range?: ByteRange) {
      return Readable.from(chunksOf(oid(id), range));
    },

    async remove(id) {
      await bucket()
        .delete(oid(id))
        .catch((err: Error) => {
          if (!/FileNotFound|not found/i.test(err.message)) throw err;
        });
    },

    async list() {
      const db = mongoose.connection.db!;
      const [files, chunks] = await Promise.all([
        db.collection(`${BUCKET}.files`).distinct('_id'),
        db.collection(`${BUCKET}.chunks`).distinct('files_id'),
      ]);
      return [...new Set([...files, ...chunks].map(String))];
    },
  };
}
