/**
 * Every service, built by its factory from settings and connections: the dependency graph
 * of the domain in one place. Services never see HTTP; controllers, scripts and (later)
 * other entry points all use these same objects.
 */
import type { Cache } from '../cache/cache';
import type { Config } from '../config';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-types';
import type { Mailer } from '../mail/mailer';
import { createReads } from '../queries/reads';
import type { Clock } from '../utils/clock';
import { createAccessTokenService } from './access-token.service';
import { createAccountService } from './account.service';
import { createAdminService } from './admin.service';
import type { FileStorage } from '../storage';
import { createArticleService } from './article.service';
import { createAttachmentService } from './attachment.service';
import { createAuditService } from './audit.service';
import { createAvatarService } from './avatar.service';
import { createCommentService } from './comment.service';
import { createCredentialService } from './credential.service';
import { createHealthService } from './health.service';
import { createMessageService } from './message.service';
import { createNotificationService } from './notification.service';
import { createOidcService } from './oidc.service';
import { createPasswordService } from './password.service';
import { createProfileService } from './profile.service';
import { createRefreshTokenService } from './refresh-token.service';
import { createStoredFiles } from './stored-files';
import { createTagService } from './tag.service';
import { createTransferService } from './transfer.service';
import { createUserService } from './user.service';

export type ServiceSettings = Pick<Config, 'jwt' | 'bcryptRounds' | 'oidc' | 'uploads'>;

export interface ServiceDeps {
  storage: FileStorage;
  mailer: Mailer;
  /** Where work for the worker is stored (the outbox). */
  jobs: JobQueue;
  clock: Clock;
  events: EventBus;
  /** The read cache the hot reads go through (src/queries/reads.ts). */
  cache: Cache;
  pingDatabase: (timeoutMs: number) => Promise<boolean>;
  /** The base of the links the API gives out (src/utils/public-url.ts). */
  publicUrl: () => string;
}

export function createServices(settings: ServiceSettings, deps: ServiceDeps) {
  const { mailer, jobs, clock, events } = deps;
  const accessTokens = createAccessTokenService(settings.jwt);
  const passwords = createPasswordService(settings.bcryptRounds);
  const reads = createReads(deps.cache);
  const credentials = createCredentialService({ accessTokens, clock, events, reads });
  const refreshTokens = createRefreshTokenService({
    accessTokens,
    clock,
    ttlDays: settings.jwt.refreshTtlDays,
  });
  const audit = createAuditService();
  const accounts = createAccountService({
    mailer,
    jobs,
    clock,
    passwords,
    credentials,
    publicUrl: deps.publicUrl,
  });
  const articles = createArticleService({ events, reads });
  const files = createStoredFiles({ storage: deps.storage, publicUrl: deps.publicUrl });
  return {
    accessTokens,
    credentials,
    refreshTokens,
    accounts,
    audit,
    reads,
    users: createUserService({ passwords, accessTokens, credentials, events }),
    profiles: createProfileService({ events, reads }),
    articles,
    transfer: createTransferService({ reads, articles }),
    files,
    avatars: createAvatarService({ files, events, limits: settings.uploads }),
    attachments: createAttachmentService({ files, jobs, limits: settings.uploads }),
    comments: createCommentService({ events, reads }),
    notifications: createNotificationService({ events, reads }),
    messages: createMessageService({ events, clock }),
    tags: createTagService({ reads }),
    admin: createAdminService({ audit, credentials, events }),
    oidc: createOidcService({
      settings: settings.oidc,
      refreshTokens,
      passwords,
      publicUrl: deps.publicUrl,
    }),
    health: createHealthService({ pingDatabase: deps.pingDatabase }),
  };
}

export type Services = ReturnType<typeof createServices>;
