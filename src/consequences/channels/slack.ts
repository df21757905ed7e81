import { DeliveryError, type NotificationChannel } from './channel.js';
import { hostOf, postJson } from './http-post.js';
import type { ChannelKind } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';

/** Slack incoming webhooks (and the many chat tools that accept their format): mrkdwn text. */
export function slackChannel(s: ChannelSettings): NotificationChannel {
  const url = s.url!;
  const host = hostOf(url);
  return {
    name: s.name,
    type: 'slack',
    language: s.language,
    target: host,
    unreachable: () => undefined,
    async send(m) {
      const mention = m.recipient?.chatIds.slack
        ? `<@${m.recipient.chatIds.slack}> `
        : m.recipient
          ? `${m.recipient.name}: `
          : '';
      const text = [
        `${mention}*${escape(m.title)}*`,
        escape(m.body),
        ...(m.link ? [`<${m.link}|open in Surety>`] : []),
        ...(m.footer ? [`_${escape(m.footer)}_`] : []),
      ].join('\n');
      const r = await postJson(url, JSON.stringify({ text }), {}, s.timeoutMs);
      // Slack answers "ok"; compatible servers may answer JSON or nothing.
      if (r.text.trim() !== '' && r.text.trim() !== 'ok' && /"ok"\s*:\s*false/.test(r.text))
        throw new DeliveryError(`${host} refused the message: ${r.text.slice(0, 200)}`, false);
      return { detail: `HTTP ${r.status} ${r.text.slice(0, 40)}`.trim() };
    },
    close: async () => {},
  };
}

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack's incoming webhooks: a URL, nothing else. */
export const slackKind: ChannelKind = {
  type: 'slack',
  settings: { url: { required: 'the url to post to' } },
  build: (s) => slackChannel(s),
};
