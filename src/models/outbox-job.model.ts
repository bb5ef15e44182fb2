import { Schema, model } from 'mongoose';

/**
 * A job the API has committed to: written here in the request, then relayed to the broker
 * (src/jobs/relay.ts) and deleted once the broker confirmed it. While the broker is down
 * jobs wait here; nothing is lost. Its `_id` becomes the message id the worker
 * deduplicates on.
 */
const outboxJobSchema = new Schema(
  {
    name: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    /** The request's trace context (W3C `traceparent`), when tracing is on. */
    trace: { type: Schema.Types.Mixed },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, minimize: false },
);

export const OutboxJob = model('OutboxJob', outboxJobSchema);
