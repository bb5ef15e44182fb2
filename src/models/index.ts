export { Article, type ArticleDoc } from './article.model';
export { Comment } from './comment.model';
export { Favorite } from './favorite.model';
export { Follow } from './follow.model';
export { changeUser, User, type Role, type UserStatus } from './user.model';
export { AuditLog } from './audit-log.model';
export { RefreshToken } from './refresh-token.model';
export { AccountToken } from './account-token.model';
export { StoredFile, type FileDoc } from './file.model';
