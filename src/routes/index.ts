/**
 * Where each router is mounted, and under which OpenAPI tag: app.ts mounts these, and the
 * OpenAPI document is read from the same routers. The API's version is in its paths, set
 * here once: a v2 would be a second list beside this one (docs/concepts/rest.md).
 */
import type { Router } from 'express';
import type { Controllers } from '../controllers';
import type { Auth } from '../middleware/auth';
import type { Limiters } from '../middleware/limits';
import type { Sessions } from '../middleware/session';
import { adminRoutes } from './admin.routes';
import { articleRoutes } from './article.routes';
import { authRoutes } from './auth.routes';
import { fileRoutes } from './file.routes';
import { healthRoutes } from './health.routes';
import { messageRoutes } from './message.routes';
import { notificationRoutes } from './notification.routes';
import { profileRoutes } from './profile.routes';
import { tagRoutes } from './tag.routes';
import { userRoutes } from './user.routes';

export const API_V1 = '/api/v1';

export interface RouteDeps {
  auth: Auth;
  limits: Limiters;
  sessions: Sessions;
  controllers: Controllers;
}

export interface Mount {
  path: string;
  tag: string;
  router: Router;
}

/** Probes: mounted before the rate limiter (an orchestrator must never be limited). */
export const probeMounts = (deps: RouteDeps): Mount[] => [{ path: '/health', tag: 'Health', router: healthRoutes(deps) }];

export const apiMounts = (deps: RouteDeps): Mount[] => [
  { path: API_V1, tag: 'Users', router: userRoutes(deps) },
  { path: `${API_V1}/profiles`, tag: 'Profiles', router: profileRoutes(deps) },
  { path: `${API_V1}/articles`, tag: 'Articles', router: articleRoutes(deps) },
  { path: `${API_V1}/tags`, tag: 'Tags', router: tagRoutes(deps) },
  { path: `${API_V1}/files`, tag: 'Files', router: fileRoutes(deps) },
  { path: `${API_V1}/notifications`, tag: 'Notifications', router: notificationRoutes(deps) },
  { path: `${API_V1}/conversations`, tag: 'Messages', router: messageRoutes(deps) },
  { path: `${API_V1}/auth`, tag: 'Auth', router: authRoutes(deps) },
  { path: `${API_V1}/admin`, tag: 'Admin', router: adminRoutes(deps) },
];
