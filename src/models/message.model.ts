import { Schema, model } from 'mongoose';

/** A direct message; `conversation` is the two users' ids, sorted and joined by `|`. */
const messageSchema = new Schema(
  {
    conversation: { type: String, required: true },
    from: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    to: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    body: { type: String, required: true },
    /** When a socket of the recipient acknowledged it. */
    deliveredAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

messageSchema.index({ conversation: 1, createdAt: -1 });

export const Message = model('Message', messageSchema);

/** One document per pair of users who wrote to each other: the conversation list. */
const conversationSchema = new Schema({
  _id: { type: String, required: true }, // the same key as Message.conversation
  members: { type: [Schema.Types.ObjectId], ref: 'User', required: true },
  lastMessage: { type: Schema.Types.ObjectId, ref: 'Message', required: true },
  lastMessageAt: { type: Date, required: true },
});

conversationSchema.index({ members: 1, lastMessageAt: -1 });

export const Conversation = model('Conversation', conversationSchema);

/** The key of the conversation between two users, whoever writes first. */
export const conversationKey = (a: string, b: string) => [a, b].sort().join('|');
