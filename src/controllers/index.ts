/** Every controller, built from the services: HTTP in, HTTP out. */
import type { Uploads } from '../middleware/uploads';
import type { Services } from '../services';
import { createAdminController } from './admin.controller';
import { createArticleController } from './article.controller';
import { createAuthController } from './auth.controller';
import { createCommentController } from './comment.controller';
import { createFileController } from './file.controller';
import { createTransferController } from './transfer.controller';
import { createHealthController } from './health.controller';
import { createMessageController } from './message.controller';
import { createNotificationController } from './notification.controller';
import { createOidcController } from './oidc.controller';
import { createProfileController } from './profile.controller';
import { createSessionController } from './session.controller';
import { createTagController } from './tag.controller';
import { createUserController } from './user.controller';

interface ControllerSettings {
  secureCookies: boolean;
  imports: { maxLines: number; maxLineBytes: number };
}

export function createControllers(
  services: Services,
  uploads: Uploads,
  settings: ControllerSettings,
) {
  const auth = createAuthController({ ...services, secureCookies: settings.secureCookies });
  return {
    users: createUserController(services.users),
    profiles: createProfileController(services.profiles),
    articles: createArticleController(services.articles),
    comments: createCommentController(services.comments),
    tags: createTagController(services.tags),
    notifications: createNotificationController(services.notifications),
    messages: createMessageController(services.messages),
    auth,
    sessions: createSessionController(services.users),
    oidc: createOidcController(services.oidc, auth.sendPair),
    admin: createAdminController(services.admin, services.audit),
    health: createHealthController(services.health),
    files: createFileController(services, uploads),
    transfer: createTransferController(services.transfer, settings.imports),
  };
}

export type Controllers = ReturnType<typeof createControllers>;
