/** A real SMTP server on a free local port that keeps what it receives (smtp-server). */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export async function startSmtpServer() {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => messages.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** The first message to `to` matching `subject`, waiting up to `ms` for it. */
    async waitFor(to: string, subject: RegExp, ms = 5000): Promise<ParsedMail> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = messages.find(
          (m) => m.to && JSON.stringify(m.to).includes(to) && subject.test(m.subject ?? ''),
        );
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${subject}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first http(s) link in an email's text. */
export function linkIn(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+/.exec(mail.text ?? '');
  if (!match) throw new Error('no link in the email');
  return new URL(match[0]);
}
