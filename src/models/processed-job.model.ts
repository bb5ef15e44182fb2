import { Schema, model } from 'mongoose';

/**
 * The message ids the worker has finished: a redelivered message (the worker died before
 * its ack, or the relay published twice) is acknowledged without doing the work again.
 * Swept after a week by the worker (FerretDB v1 has no TTL indexes).
 */
const processedJobSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    processedAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

processedJobSchema.index({ processedAt: 1 });

export const ProcessedJob = model('ProcessedJob', processedJobSchema);
