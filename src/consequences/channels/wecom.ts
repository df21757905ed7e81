import { DeliveryError, plainText, type NotificationChannel } from './channel.js';
import { hostOf, parseAnswer, postJson } from './http-post.js';
import type { ChannelKind } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';

/** WeCom (WeChat Work) group robots: text, mentioning the person by user id or mobile. */
export function wecomChannel(s: ChannelSettings): NotificationChannel {
  const url = s.url!;
  const host = hostOf(url);
  return {
    name: s.name,
    type: 'wecom',
    language: s.language,
    target: host,
    unreachable: () => undefined,
    async send(m) {
      const r0 = m.recipient;
      const text: Record<string, unknown> = { content: plainText(m) };
      if (r0?.chatIds.wecom) text.mentioned_list = [r0.chatIds.wecom];
      if (r0?.mobile) text.mentioned_mobile_list = [r0.mobile];
      const r = await postJson(url, JSON.stringify({ msgtype: 'text', text }), {}, s.timeoutMs);
      const answer = parseAnswer(host, r.text);
      if (answer.errcode !== 0)
        throw new DeliveryError(
          `${host} refused the message: errcode ${String(answer.errcode)} ${String(answer.errmsg ?? '')}`.trim(),
          false,
        );
      return { detail: `HTTP ${r.status} errcode 0` };
    },
    close: async () => {},
  };
}

/** WeCom group robots: the key is in the URL. */
export const wecomKind: ChannelKind = {
  type: 'wecom',
  settings: { url: { required: 'the url to post to' } },
  build: (s) => wecomChannel(s),
};
