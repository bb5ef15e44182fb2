import type { Reads } from '../queries/reads';

export function createTagService({ reads }: { reads: Reads }) {
  return {
    /** Distinct tags in use, most used first (cached until an article changes). */
    list: (): Promise<string[]> => reads.tags(),
  };
}

export type TagService = ReturnType<typeof createTagService>;
