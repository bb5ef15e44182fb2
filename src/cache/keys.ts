/**
 * What the cache holds, by name and type: one home for the keys, shared by the reads that
 * fill them (src/queries/reads.ts) and the upkeep that clears them (./upkeep.ts). A key
 * carries the type of its value, so a read needs no cast.
 */
import type { Role } from '../domain/permissions';
import type { ArticleFields } from '../presenters/article.presenter';

/** A cache key and the type of the value stored under it. */
export type CacheKey<T> = string & { readonly valueType?: T };

const key = <T>(name: string) => name as CacheKey<T>;

/** An article's public fields but its body (the same for every reader), with its id and its author's. */
export interface CachedArticle extends Omit<ArticleFields, 'body'> {
  id: string;
  authorId: string;
}

/** A user's public fields: what a profile shows, before the actor's `following`. */
export interface CachedProfile {
  id: string;
  username: string;
  bio: string | null;
  image: string | null;
}

/** What decides whether a user's token still lets them in. */
export interface CachedAccess {
  role: Role;
  status: string | null;
  tokenVersion: number;
}

/** A page of a list: the ids in order, and how many match in all (read from the database: with its articles). */
export interface IdPage {
  ids: string[];
  total: number;
  articles?: CachedArticle[];
}

/** Values kept in both layers (this process, then Redis). */
export const cacheKeys = {
  /** An article's list fields (no body). */
  article: (id: string) => key<CachedArticle>(`article:${id}`),
  articleBody: (id: string) => key<string>(`article-body:${id}`),
  articleId: (slug: string) => key<string>(`article-id:${slug}`),
  profile: (userId: string) => key<CachedProfile>(`profile:${userId}`),
  userId: (username: string) => key<string>(`user-id:${username}`),
  /** null: no such user. */
  access: (userId: string) => key<CachedAccess | null>(`access:${userId}`),
};

/**
 * Values kept in this process only, computed from the article index (or, without it, the
 * database): cheap to compute again, so a change simply drops them.
 */
export const localKeys = {
  /** A list page: `query` names its filters, newest first. */
  page: (query: string, limit: number, offset: number) =>
    key<IdPage>(`page:${query}:${limit}:${offset}`),
  tags: () => key<string[]>('tags'),
  favoritesCount: (articleId: string) => key<number>(`favorites-count:${articleId}`),
  /** The ids of the articles the user favorited. */
  favoritesOf: (userId: string) => key<string[]>(`favorites-of:${userId}`),
  /** The ids of the users the user follows. */
  followeesOf: (userId: string) => key<string[]>(`followees-of:${userId}`),
};

/** The local group of everything that follows from the article index (pages, tags). */
export const LISTS = 'lists';
