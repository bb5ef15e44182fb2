import * as s from '../endpoints/message.endpoints';
import { currentUserId } from '../middleware/auth';
import type { MessageService } from '../services/message.service';
import { handle } from './handle';

export function createMessageController(messages: MessageService) {
  return {
    conversations: handle(s.conversations, async ({ query }, req, res) => {
      res.json(await messages.conversations(currentUserId(req), query));
    }),

    history: handle(s.history, async ({ params, query }, req, res) => {
      res.json(await messages.history(currentUserId(req), params.username, query));
    }),

    send: handle(s.send, async ({ params, body }, req, res) => {
      const message = await messages.send(currentUserId(req), params.username, body.message.body);
      res.status(201).json({ message });
    }),
  };
}
