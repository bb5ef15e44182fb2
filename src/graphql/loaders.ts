/**
 * DataLoaders, made fresh for each GraphQL request (their cache must not outlive it, nor
 * be shared between actors): what a list resolves per item — an article's body, its
 * comments, a profile — is batched into one service call per tick.
 */
import DataLoader from 'dataloader';
import type { Services } from '../services';

export function createLoaders(services: Services, actorId: string | undefined) {
  const { articles, comments, profiles } = services;
  return {
    articleBody: new DataLoader((slugs: readonly string[]) => articles.bodiesOf(slugs)),
    articleComments: new DataLoader((slugs: readonly string[]) =>
      comments.listForArticles(slugs, actorId),
    ),
    profile: new DataLoader((usernames: readonly string[]) => profiles.getMany(usernames, actorId)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
