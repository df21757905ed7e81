import nodemailer from 'nodemailer';
import { DeliveryError, plainText, type NotificationChannel } from './channel.js';
import type { ChannelKind } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';

/**
 * E-mail over SMTP (nodemailer). A message for a person goes to their address; one for no
 * person to the channel's `to` list. The Message-ID is the notification's, so a retried
 * message reads as the same one to mail clients.
 */
export function emailChannel(s: ChannelSettings): NotificationChannel {
  const smtp = s.smtp!;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
    tls: { rejectUnauthorized: smtp.verifyCertificate },
  });
  const target = `${smtp.host}:${smtp.port}`;
  const domain = /@([^>\s]+)/.exec(s.from ?? '')?.[1] ?? 'surety.local';
  return {
    name: s.name,
    type: 'email',
    language: s.language,
    target,
    carriesFiles: true,
    unreachable(recipient) {
      if (recipient) return recipient.email ? undefined : `${recipient.name} has no e-mail address`;
      return s.to.length > 0
        ? undefined
        : `the channel has no "to" addresses for messages that are for no one in particular`;
    },
    async send(m) {
      const to = m.recipient?.email ? [m.recipient.email] : [...s.to];
      try {
        const info = await transport.sendMail({
          from: s.from,
          to,
          subject: m.title,
          text: plainText(m).split('\n').slice(2).join('\n'),
          messageId: `<notification-${m.id}@${domain}>`,
          headers: {
            'X-Surety-Notification': m.id,
            'X-Surety-Event': m.eventType,
            'X-Surety-Severity': m.severity,
          },
          ...(m.attachments && m.attachments.length > 0
            ? {
                attachments: m.attachments.map((a) => ({
                  filename: a.filename,
                  contentType: a.contentType,
                  content: a.content,
                })),
              }
            : {}),
        });
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length > 0 && rejected.length === to.length)
          throw new DeliveryError(
            `${target} refused every recipient (${rejected.join(', ')})`,
            true,
          );
        return { detail: String(info.response ?? 'accepted') };
      } catch (err) {
        throw smtpError(err, target);
      }
    },
    async close() {
      transport.close();
    },
  };
}

function smtpError(err: unknown, target: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as Error & {
    code?: string;
    responseCode?: number;
    response?: string;
    command?: string;
  };
  if (e.responseCode !== undefined) {
    // 5xx: the server refuses for good (no such mailbox, relaying denied); 4xx: try again later.
    const said = (e.response ?? e.message).replace(/\s+/g, ' ').slice(0, 200);
    return new DeliveryError(
      `${target} refused${e.command ? ` ${e.command}` : ''}: ${said}`,
      e.responseCode >= 500,
    );
  }
  const reason =
    e.code === 'ECONNECTION' || /ECONNREFUSED/.test(e.message)
      ? 'refused the connection'
      : e.code === 'ETIMEDOUT'
        ? 'did not answer in time'
        : e.code === 'EAUTH'
          ? `did not accept the login: ${e.message}`
          : e.code === 'EENVELOPE'
            ? `has no recipient to send to: ${e.message}`
            : `failed: ${e.message}`;
  return new DeliveryError(`${target} ${reason}`, e.code === 'EAUTH' || e.code === 'EENVELOPE');
}

/** E-mail through an SMTP server, to a person's address or the fixed `to` list. */
export const emailKind: ChannelKind = {
  type: 'email',
  settings: {
    smtp: { required: 'its smtp server: smtp: { host: …, port: 587 }' },
    from: { required: 'the sender address: from: surety@example.com' },
    to: {},
  },
  build: (s) => emailChannel(s),
};
