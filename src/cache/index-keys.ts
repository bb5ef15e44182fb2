/**
 * The article index's names and shapes: its keys in Redis (one namespace per cache
 * epoch), its three parts, and what each is loaded from.
 */
import type { SharedLink } from './shared-link';

/** The index's parts, each loaded (and known complete) on its own. */
export const PARTS = ['articles', 'favorites', 'follows'] as const;
export type IndexPart = (typeof PARTS)[number];

export interface IndexedArticle {
  id: string;
  createdAt: string;
  tagList: string[];
  authorId: string;
}

/** Where each part is loaded from (src/queries/index-sources.ts). */
export interface IndexSources {
  articles(): Promise<IndexedArticle[]>;
  favorites(): Promise<{ userId: string; articleId: string }[]>;
  follows(): Promise<{ followerId: string; followeeId: string }[]>;
}

/** Which sets a page comes from; several are intersected. */
export interface PageQuery {
  tag?: string;
  authorId?: string;
  /** The articles this user favorited. */
  favoritedBy?: string;
  /** The articles of any of these authors (a feed). */
  authorIds?: string[];
}

/** An article's place in the sorted sets: its creation time, in ms. */
export const score = (createdAt: string) => Date.parse(createdAt);

export function indexKeys(link: SharedLink) {
  const k = (name: string) => `${link.space()}:index:${name}`;
  return {
    all: () => k('all'),
    tag: (tag: string) => k(`tag:${tag}`),
    author: (id: string) => k(`author:${id}`),
    tags: () => k('tags'),
    favoriters: (articleId: string) => k(`favoriters:${articleId}`),
    favorites: (userId: string) => k(`favorites:${userId}`),
    followees: (userId: string) => k(`followees:${userId}`),
    complete: (part: IndexPart) => k(`${part}:complete`),
    touched: (part: IndexPart) => k(`${part}:touched`),
    lock: (part: IndexPart) => k(`${part}:loading`),
    /** A short-lived sorted set for a page that intersects several sets. */
    temp: (id: string) => k(`tmp:${id}`),
  };
}

export type IndexKeys = ReturnType<typeof indexKeys>;
