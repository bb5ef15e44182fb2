export { Article, type ArticleDoc } from './article.model';
export { Comment, type CommentDoc } from './comment.model';
export { Favorite, type FavoriteDoc } from './favorite.model';
export { Follow, type FollowDoc } from './follow.model';
export { ROLES, User, type Role, type UserDoc } from './user.model';
