/** The names of cached values: one home, shared by the reads that fill them and the events that clear them. */
export const cacheKeys = {
  /** An article's public fields (no viewer state), by slug. */
  article: (slug: string) => `article:${slug}`,
  /** A user's public profile fields, by id. */
  person: (userId: string) => `person:${userId}`,
  /** A username's user id. */
  userId: (username: string) => `user-id:${username}`,
  /** How many users favorited the article (a counter, adjusted on every favorite). */
  favoritesCount: (articleId: string) => `favorites-count:${articleId}`,
  /** The ids of the articles the user favorited. */
  favoritedBy: (userId: string) => `favorited-by:${userId}`,
  /** The ids of the users the user follows. */
  followees: (userId: string) => `followees:${userId}`,
  tags: () => 'tags',
};

/** List pages: so many filter and page combinations that one group holds them all. */
export const ARTICLE_LISTS = 'article-lists';
