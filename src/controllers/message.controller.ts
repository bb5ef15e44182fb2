import * as endpoints from '../endpoints/message.endpoints';
import { currentActor } from '../middleware/auth';
import type { MessageService } from '../services/message.service';
import { handle } from './handle';

export function createMessageController(messages: MessageService) {
  return {
    conversations: handle(endpoints.conversations, async ({ query }, req, res) => {
      res.json(await messages.conversations(currentActor(req).id, query));
    }),

    history: handle(endpoints.history, async ({ params, query }, req, res) => {
      res.json(await messages.history(currentActor(req).id, params.username, query));
    }),

    send: handle(endpoints.send, async ({ params, body }, req, res) => {
      const message = await messages.send(currentActor(req).id, params.username, body.message.body);
      res.status(201).json({ message });
    }),
  };
}
