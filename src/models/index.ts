export { Article, type ArticleDoc } from './article.model';
export { Comment, type CommentDoc } from './comment.model';
export { Favorite, type FavoriteDoc } from './favorite.model';
export { Follow, type FollowDoc } from './follow.model';
export { ROLES, User, USER_STATUSES, type Role, type UserDoc, type UserStatus } from './user.model';
export { AuditLog } from './audit-log.model';
export { RefreshToken } from './refresh-token.model';
export { AccountToken } from './account-token.model';
