/**
 * Outgoing email through nodemailer: SMTP when SMTP_URL is set; otherwise the message is
 * written to the log (development), so flows work without a mail server.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import { logger } from '../utils/logger';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Public base URL of the app, for links in messages (APP_URL). */
  appUrl: string;
  send(mail: Mail): Promise<void>;
}

export function createMailer(config: Readonly<Config>): Mailer {
  const { smtpUrl, from } = config.mail;
  if (!smtpUrl) {
    return {
      appUrl: config.appUrl,
      async send(mail) {
        logger.info('email (not sent: SMTP_URL is not set)', {
          to: mail.to,
          subject: mail.subject,
          body: mail.text,
        });
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    appUrl: config.appUrl,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
