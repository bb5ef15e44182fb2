/**
 * Outgoing email through nodemailer: SMTP when SMTP_URL is set. Without it (development
 * and tests only; production refuses to start) only the recipient and subject are
 * logged: bodies hold single-use links, which must never reach a log — unless a
 * developer asks for them with MAIL_LOG_BODIES, which production refuses too.
 */
import nodemailer from 'nodemailer';
import { logger } from '../utils/logger';

interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
  logBodies: boolean;
}

export function createMailer({ smtpUrl, from, logBodies }: MailSettings): Mailer {
  if (!smtpUrl) {
    return {
      async send({ to, subject, text }) {
        logger.info('email not sent (SMTP_URL is not set)', {
          to,
          subject,
          ...(logBodies && { text }),
        });
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
