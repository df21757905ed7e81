import { DeliveryError, type NotificationChannel } from './channel.js';
import { hostOf, parseAnswer, postJson } from './http-post.js';
import type { ChannelKind } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';
import { dingtalkSign } from './signing.js';

/**
 * DingTalk custom robots: markdown, @-mentioning the person by mobile. In signed mode the
 * timestamp and signature go in the URL. The robot answers errcode 0 when it took it.
 */
export function dingtalkChannel(s: ChannelSettings): NotificationChannel {
  const base = s.url!;
  const host = hostOf(base);
  return {
    name: s.name,
    type: 'dingtalk',
    language: s.language,
    target: host,
    unreachable: () => undefined,
    async send(m, now) {
      let url = base;
      if (s.secret) {
        const sign = encodeURIComponent(dingtalkSign(s.secret, now));
        url += `${base.includes('?') ? '&' : '?'}timestamp=${now}&sign=${sign}`;
      }
      const mobile = m.recipient?.mobile;
      const text = [
        `### ${m.title}`,
        '',
        m.body,
        ...(m.link ? ['', `[Surety](${m.link})`] : []),
        ...(m.footer ? ['', `> ${m.footer}`] : []),
        ...(mobile ? ['', `@${mobile}`] : []),
      ].join('\n');
      const payload = {
        msgtype: 'markdown',
        markdown: { title: m.title, text },
        at: { atMobiles: mobile ? [mobile] : [], isAtAll: false },
      };
      const r = await postJson(url, JSON.stringify(payload), {}, s.timeoutMs);
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

/** DingTalk custom robots: a URL and, for signed robots, the secret. */
export const dingtalkKind: ChannelKind = {
  type: 'dingtalk',
  settings: { url: { required: 'the url to post to' }, secret: {} },
  build: (s) => dingtalkChannel(s),
};
