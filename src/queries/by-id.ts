/** Reading several documents by id on either database. */
import type { Model } from 'mongoose';
import type { CacheKey } from '../cache/keys';
import { databaseCapabilities } from '../db/capabilities';

/**
 * Documents by id (unknown ids are left out): one `$in` query, or — on a database that
 * reads the whole collection for anything but `_id` equality — one `_id` lookup each, in
 * parallel (src/db/capabilities.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model; its lean document type flows through
export async function findByIds<M extends Model<any>>(
  model: M,
  ids: readonly string[],
  fields: string,
) {
  if (ids.length === 0) return [];
  if (!databaseCapabilities()?.idLookupsOnly)
    return model
      .find({ _id: { $in: ids } })
      .select(fields)
      .lean();
  const found = await Promise.all(ids.map((id) => model.findById(id).select(fields).lean()));
  return found.filter((doc) => doc !== null);
}

/** The values of `ids` under `key(id)`, by id. */
export const byId = <T>(
  ids: readonly string[],
  key: (id: string) => CacheKey<T>,
  values: Map<string, T>,
) => new Map(ids.flatMap((id) => (values.has(key(id)) ? [[id, values.get(key(id))!]] : [])));
