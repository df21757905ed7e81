import { DeliveryError, plainText, type NotificationChannel } from './channel.js';
import { hostOf, parseAnswer, postJson } from './http-post.js';
import type { ChannelKind } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';
import { feishuSign } from './signing.js';

/**
 * Feishu/Lark custom robots: a text message, with the robot's signature when it has a
 * secret (timestamp and sign in the body). The robot answers code 0 when it took it.
 */
export function feishuChannel(s: ChannelSettings): NotificationChannel {
  const url = s.url!;
  const host = hostOf(url);
  return {
    name: s.name,
    type: 'feishu',
    language: s.language,
    target: host,
    unreachable: () => undefined,
    async send(m, now) {
      const at = m.recipient?.chatIds.feishu
        ? `<at user_id="${m.recipient.chatIds.feishu}">${m.recipient.name}</at> `
        : '';
      const payload: Record<string, unknown> = {
        msg_type: 'text',
        content: { text: at + plainText(m) },
      };
      if (s.secret) {
        const timestamp = Math.floor(now / 1000);
        payload.timestamp = String(timestamp);
        payload.sign = feishuSign(s.secret, timestamp);
      }
      const r = await postJson(url, JSON.stringify(payload), {}, s.timeoutMs);
      const answer = parseAnswer(host, r.text);
      const code = answer.code ?? answer.StatusCode;
      if (code !== undefined && code !== 0)
        throw new DeliveryError(
          `${host} refused the message: code ${String(code)} ${String(answer.msg ?? answer.StatusMessage ?? '')}`.trim(),
          false,
        );
      return { detail: `HTTP ${r.status} code 0` };
    },
    close: async () => {},
  };
}

/** Feishu custom bots: a URL and, when the bot checks signatures, its secret. */
export const feishuKind: ChannelKind = {
  type: 'feishu',
  settings: { url: { required: 'the url to post to' }, secret: {} },
  build: (s) => feishuChannel(s),
};
