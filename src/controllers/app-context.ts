/** What createApp puts in app.locals for controllers: per-app services built from its config. */
import type { Request } from 'express';
import type { Mailer } from '../services/mailer';
import type { OidcSettings } from '../services/oidc.service';

export const mailerOf = (req: Request) => req.app.locals.mailer as Mailer;
export const oidcSettingsOf = (req: Request) => req.app.locals.oidc as OidcSettings;
