import Joi from 'joi';
import { byUsername, pageQuery } from './common';
import { endpoint } from './endpoint';

/** A direct message's text: what REST and the socket event `message:send` both accept. */
export const messageBody = Joi.string().trim().min(1).max(2000);

export const conversations = endpoint({
  summary: 'Your conversations, most recent first, each with its last message',
  description:
    'One entry per person you have exchanged messages with: their profile and the last message, most recent conversation first.',
  query: pageQuery,
  success: { status: 200, schema: 'ConversationsResponse' },
});

export const history = endpoint({
  summary: 'The messages between you and a user, newest first',
  description:
    'Paged with `limit` and `offset`. `deliveredAt` is set once a socket of the recipient acknowledged the message.',
  params: byUsername,
  query: pageQuery,
  success: { status: 200, schema: 'DirectMessagesResponse' },
  errors: [404],
});

export const send = endpoint({
  summary: 'Send a direct message (you and the user must follow each other)',
  description:
    "Stored, then pushed to the recipient's sockets (`message`) and to your other sockets. You can message a user only when you follow each other.",
  params: byUsername,
  body: Joi.object<{ message: { body: string } }>({
    message: Joi.object({ body: messageBody.required() }).required(),
  }),
  success: { status: 201, schema: 'DirectMessageResponse' },
  errors: [403, 404],
});
