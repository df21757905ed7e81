import { type NotificationChannel } from './channel.js';
import { hostOf, postJson } from './http-post.js';
import type { ChannelKind } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';
import { webhookSignature } from './signing.js';

/**
 * A generic JSON webhook. The body is the message and its facts; with a secret, each
 * request carries X-Surety-Timestamp and X-Surety-Signature (see signing.ts), and always
 * X-Surety-Delivery, the same on every retry, so a receiver can drop duplicates.
 */
export function webhookChannel(s: ChannelSettings): NotificationChannel {
  const url = s.url!;
  return {
    name: s.name,
    type: 'webhook',
    language: s.language,
    target: hostOf(url),
    unreachable: () => undefined,
    async send(m, now) {
      const body = JSON.stringify({
        id: m.id,
        type: m.eventType,
        severity: m.severity,
        language: m.language,
        title: m.title,
        text: m.body,
        footer: m.footer,
        link: m.link ?? null,
        recipient: m.recipient
          ? { id: m.recipient.id, name: m.recipient.name, email: m.recipient.email ?? null }
          : null,
        ...m.payload,
      });
      const timestamp = Math.floor(now / 1000);
      const headers: Record<string, string> = {
        ...(s.headers ?? {}),
        'x-surety-delivery': m.id,
        'x-surety-timestamp': String(timestamp),
        'user-agent': 'Surety-Webhook/1',
      };
      if (s.secret) headers['x-surety-signature'] = webhookSignature(s.secret, timestamp, body);
      const r = await postJson(url, body, headers, s.timeoutMs);
      return { detail: `HTTP ${r.status}` };
    },
    close: async () => {},
  };
}

/** Any HTTP receiver: a URL, an optional HMAC secret and extra headers. */
export const webhookKind: ChannelKind = {
  type: 'webhook',
  settings: { url: { required: 'the url to post to' }, secret: {}, headers: {} },
  build: (s) => webhookChannel(s),
};
