import type { Types } from 'mongoose';

export interface MessageView {
  id: string;
  from: string;
  to: string;
  body: string;
  createdAt: string;
  /** When a socket of the recipient acknowledged it; null until then. */
  deliveredAt: string | null;
}

/** A direct message, with its sender's and recipient's usernames. */
export function toMessageView(
  message: { _id: Types.ObjectId; body: string; createdAt: Date; deliveredAt?: Date | null },
  from: string,
  to: string,
): MessageView {
  return {
    id: message._id.toString(),
    from,
    to,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    deliveredAt: message.deliveredAt ? message.deliveredAt.toISOString() : null,
  };
}
