import type { NotificationChannel } from './channel.js';
import { hostOf, postJson } from './http-post.js';
import type { ChannelKind } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';

/** Microsoft Teams incoming webhooks (Workflows): an Adaptive Card in a message. */
export function teamsChannel(s: ChannelSettings): NotificationChannel {
  const url = s.url!;
  return {
    name: s.name,
    type: 'teams',
    language: s.language,
    target: hostOf(url),
    unreachable: () => undefined,
    async send(m) {
      const body: Array<Record<string, unknown>> = [
        {
          type: 'TextBlock',
          text: m.title,
          weight: 'Bolder',
          size: 'Medium',
          wrap: true,
          color: m.severity === 'critical' || m.severity === 'error' ? 'Attention' : 'Default',
        },
        {
          type: 'TextBlock',
          text: m.recipient ? `${m.recipient.name}: ${m.body}` : m.body,
          wrap: true,
        },
      ];
      if (m.footer)
        body.push({ type: 'TextBlock', text: m.footer, isSubtle: true, size: 'Small', wrap: true });
      const card = {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body,
              ...(m.link
                ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Surety', url: m.link }] }
                : {}),
            },
          },
        ],
      };
      const r = await postJson(url, JSON.stringify(card), {}, s.timeoutMs);
      return { detail: `HTTP ${r.status}` };
    },
    close: async () => {},
  };
}

/** Microsoft Teams' incoming webhooks (workflows): a URL. */
export const teamsKind: ChannelKind = {
  type: 'teams',
  settings: { url: { required: 'the url to post to' } },
  build: (s) => teamsChannel(s),
};
