import { Schema, model } from 'mongoose';

const NOTIFICATION_TYPES = ['follow', 'favorite', 'comment'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Something another user did that concerns `recipient`; the inbox lists these. */
const notificationSchema = new Schema(
  {
    recipient: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    actor: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    type: { type: String, enum: NOTIFICATION_TYPES, required: true },
    article: { type: Schema.Types.ObjectId, ref: 'Article', default: null },
    comment: { type: Schema.Types.ObjectId, ref: 'Comment', default: null },
    read: { type: Boolean, default: false },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

// The inbox: a user's notifications, newest first; and the unread count.
notificationSchema.index({ recipient: 1, createdAt: -1 });
notificationSchema.index({ recipient: 1, read: 1 });

export const Notification = model('Notification', notificationSchema);
