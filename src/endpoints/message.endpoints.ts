import Joi from 'joi';
import { byUsername, pageQuery } from './common';
import { endpoint } from './endpoint';

/** A direct message's text: what REST and the socket event `message:send` both accept. */
export const messageBody = Joi.string().trim().min(1).max(2000);

export const conversations = endpoint({
  summary: 'Your conversations, most recent first, each with its last message',
  query: pageQuery,
  success: { status: 200, schema: 'ConversationsResponse' },
});

export const history = endpoint({
  summary: 'The messages between you and a user, newest first',
  params: byUsername,
  query: pageQuery,
  success: { status: 200, schema: 'DirectMessagesResponse' },
  errors: [404],
});

export const send = endpoint({
  summary: 'Send a direct message (you and the user must follow each other)',
  params: byUsername,
  body: Joi.object<{ message: { body: string } }>({
    message: Joi.object({ body: messageBody.required() }).required(),
  }),
  success: { status: 201, schema: 'DirectMessageResponse' },
  errors: [403, 404],
});
