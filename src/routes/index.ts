/**
 * Where each router is mounted, and under which OpenAPI tag: app.ts mounts these, and the
 * OpenAPI document is built from the same list. Versioned API under /api/v1.
 */
import type { Controllers } from '../controllers';
import type { Auth } from '../middleware/auth';
import type { Limiters } from '../middleware/limits';
import type { Sessions } from '../middleware/session';
import type { Uploads } from '../middleware/uploads';
import { adminRoutes } from './admin.routes';
import { articleRoutes } from './article.routes';
import { authRoutes } from './auth.routes';
import type { DocumentedRouter } from './documented-router';
import { fileRoutes } from './file.routes';
import { healthRoutes } from './health.routes';
import { messageRoutes } from './message.routes';
import { notificationRoutes } from './notification.routes';
import { profileRoutes } from './profile.routes';
import { tagRoutes } from './tag.routes';
import { userRoutes } from './user.routes';

export interface RouteDeps {
  auth: Auth;
  limits: Limiters;
  sessions: Sessions;
  uploads: Uploads;
  controllers: Controllers;
}

export interface Mount {
  path: string;
  tag: string;
  router: DocumentedRouter;
}

/** Probes: mounted before the rate limiter (an orchestrator must never be limited). */
export const probeMounts = (deps: RouteDeps): Mount[] => [{ path: '/health', tag: 'Health', router: healthRoutes(deps) }];

export const apiMounts = (deps: RouteDeps): Mount[] => [
  { path: '/api/v1', tag: 'Users', router: userRoutes(deps) },
  { path: '/api/v1/profiles', tag: 'Profiles', router: profileRoutes(deps) },
  { path: '/api/v1/articles', tag: 'Articles', router: articleRoutes(deps) },
  { path: '/api/v1/tags', tag: 'Tags', router: tagRoutes(deps) },
  { path: '/api/v1/files', tag: 'Files', router: fileRoutes(deps) },
  { path: '/api/v1/notifications', tag: 'Notifications', router: notificationRoutes(deps) },
  { path: '/api/v1/conversations', tag: 'Messages', router: messageRoutes(deps) },
  { path: '/api/v1/auth', tag: 'Auth', router: authRoutes(deps) },
  { path: '/api/v1/admin', tag: 'Admin', router: adminRoutes(deps) },
];
