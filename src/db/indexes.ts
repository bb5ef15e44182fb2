/**
 * Creates the indexes each model declares (autoIndex is off): one place, so the options
 * a database lacks are dropped here, from the capabilities, and nowhere else. On FerretDB
 * a TTL index becomes a plain one, and the periodic sweep removes expired documents.
 */
import mongoose from 'mongoose';
import type { DatabaseCapabilities } from './capabilities';

export async function ensureIndexes(
  capabilities: DatabaseCapabilities,
  models = Object.values(mongoose.models),
): Promise<void> {
  for (const model of models) {
    for (const [keys, options] of model.schema.indexes()) {
      const { expireAfterSeconds, unique, ...rest } = options;
      // Mongoose's key type names a few more directions than the driver's; same shape.
      await model.collection.createIndex(keys as mongoose.mongo.IndexSpecification, {
        ...rest,
        unique: unique === true,
        ...(capabilities.ttlIndexes && expireAfterSeconds !== undefined && { expireAfterSeconds }),
      });
    }
  }
}
