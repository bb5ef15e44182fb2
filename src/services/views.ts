/**
 * The JSON shapes of the Conduit contract, built from stored documents. Services return
 * these; controllers only wrap them in their root key ({ user }, { article }, ...).
 */
import type { Types } from 'mongoose';

/** The user fields a profile needs (what `populate('author', 'username bio image')` loads). */
export interface PersonFields {
  _id: Types.ObjectId;
  username: string;
  bio?: string | null;
  image?: string | null;
}

export interface ProfileView {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

export function toProfileView(user: PersonFields, following: boolean): ProfileView {
  return { username: user.username, bio: user.bio ?? null, image: user.image ?? null, following };
}

export function toUserView(user: PersonFields & { email: string }, token: string) {
  return {
    email: user.email,
    token,
    username: user.username,
    bio: user.bio ?? null,
    image: user.image ?? null,
  };
}

export interface ArticleFields {
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleView {
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: ProfileView;
}

export function toArticleView(
  article: ArticleFields,
  extra: { author: ProfileView; favorited: boolean; favoritesCount: number; withBody: boolean },
): ArticleView {
  const view: ArticleView = {
    slug: article.slug,
    title: article.title,
    description: article.description,
    tagList: article.tagList,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    favorited: extra.favorited,
    favoritesCount: extra.favoritesCount,
    author: extra.author,
  };
  if (extra.withBody) view.body = article.body;
  return view;
}

export function toCommentView(
  comment: { _id: Types.ObjectId; body: string; createdAt: Date; updatedAt: Date },
  author: ProfileView,
) {
  return {
    id: comment._id.toString(),
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    body: comment.body,
    author,
  };
}
