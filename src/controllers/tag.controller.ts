import * as endpoints from '../endpoints/tag.endpoints';
import type { TagService } from '../services/tag.service';
import { handle } from './handle';

export function createTagController(tags: TagService) {
  return {
    list: handle(endpoints.list, async (_input, _req, res) => {
      res.json({ tags: await tags.list() });
    }),
  };
}
