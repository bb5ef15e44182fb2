import { endpoint } from './endpoint';

export const list = endpoint({
  summary: 'Tags in use, most used first',
  success: { status: 200, schema: 'TagsResponse' },
});
