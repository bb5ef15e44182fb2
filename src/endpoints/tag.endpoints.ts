import { endpoint } from './endpoint';

export const list = endpoint({
  summary: 'Tags in use, most used first',
  description:
    'Every tag used by at least one article, most used first. Served from the article index in Redis: no request scans the articles.',
  success: { status: 200, schema: 'TagsResponse' },
});
