/** Every domain event and its payload: the contract between publishers and subscribers. */
export interface DomainEvents {
  'user.registered': { userId: string; email: string };
  'article.deleted': { articleId: string; slug: string; authorId: string };
}
