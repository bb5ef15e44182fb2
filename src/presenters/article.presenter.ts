import type { ProfileView } from './profile.presenter';

export interface ArticleFields {
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  /** ISO 8601, as cached. */
  createdAt: string;
  updatedAt: string;
}

export interface ArticleView extends ArticleFields {
  favorited: boolean;
  favoritesCount: number;
  author: ProfileView;
}

/** What an actor adds to a stored article: its author as they see them, and favorites. */
export interface ArticleViewerState {
  author: ProfileView;
  favorited: boolean;
  favoritesCount: number;
}

/** The RealWorld article; lists leave out `body` (withBody false). */
export function toArticleView(
  article: ArticleFields,
  state: ArticleViewerState,
  withBody: boolean,
): ArticleView {
  return {
    slug: article.slug,
    title: article.title,
    description: article.description,
    ...(withBody && { body: article.body }),
    tagList: article.tagList,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    favorited: state.favorited,
    favoritesCount: state.favoritesCount,
    author: state.author,
  };
}
