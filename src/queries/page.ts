/** Offset pagination: one page of matches and the count of all of them, in parallel. */
import type { Model, QueryFilter } from 'mongoose';

export interface Page {
  limit: number;
  offset: number;
}

/**
 * `shape` adds what the page needs (sort, select, populate, lean) to the find query that
 * already skips and limits; the count uses the same filter.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model; its own query type flows through ReturnType<TModel['find']>
export async function findPage<TModel extends Model<any>, TItems>(
  model: TModel,
  filter: QueryFilter<unknown>,
  page: Page,
  shape: (query: ReturnType<TModel['find']>) => PromiseLike<TItems>,
): Promise<{ items: TItems; total: number }> {
  const query = model.find(filter).skip(page.offset).limit(page.limit) as ReturnType<
    TModel['find']
  >;
  const [total, items] = await Promise.all([model.countDocuments(filter), shape(query)]);
  return { items, total };
}
