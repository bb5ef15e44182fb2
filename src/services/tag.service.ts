import { Article } from '../models';

export function createTagService() {
  return {
    /** Distinct tags in use, most used first (a $group with a simple accumulator: FerretDB-safe). */
    async list(): Promise<string[]> {
      const tags = await Article.aggregate<{ _id: string; count: number }>([
        { $unwind: '$tagList' },
        { $group: { _id: '$tagList', count: { $sum: 1 } } },
        { $sort: { count: -1, _id: 1 } },
      ]);
      return tags.map((t) => t._id);
    },
  };
}

export type TagService = ReturnType<typeof createTagService>;
