import type { Logger } from 'pino';
import type { NotificationChannel } from '../consequences/channels/channel.js';
import { dingtalkChannel } from '../consequences/channels/dingtalk.js';
import { emailChannel } from '../consequences/channels/email.js';
import { feishuChannel } from '../consequences/channels/feishu.js';
import { logChannel } from '../consequences/channels/log.js';
import type { ChannelSettings } from '../consequences/channels/settings.js';
import { slackChannel } from '../consequences/channels/slack.js';
import { teamsChannel } from '../consequences/channels/teams.js';
import { webhookChannel } from '../consequences/channels/webhook.js';
import { wecomChannel } from '../consequences/channels/wecom.js';
import { invalidInput } from '../domain/errors.js';
import type { ChannelSpec, NotificationsPolicy, SecretRef } from '../policy/notifications.js';

export interface Channels {
  get(name: string): NotificationChannel | undefined;
  close(): Promise<void>;
}

/**
 * Builds the policy's channels: the one place concrete channel adapters are made. Settings
 * written as { env: NAME } are read here, and a missing variable stops the start with why.
 */
export function buildChannels(
  n: NotificationsPolicy,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Channels {
  const built = new Map<string, NotificationChannel>();
  for (const spec of n.channels.values())
    built.set(spec.name, buildChannel(resolve(spec, env), logger));
  return {
    get: (name) => built.get(name),
    async close() {
      await Promise.all([...built.values()].map((c) => c.close()));
    },
  };
}

export function buildChannel(s: ChannelSettings, logger: Logger): NotificationChannel {
  switch (s.type) {
    case 'email':
      return emailChannel(s);
    case 'webhook':
      return webhookChannel(s);
    case 'slack':
      return slackChannel(s);
    case 'teams':
      return teamsChannel(s);
    case 'feishu':
      return feishuChannel(s);
    case 'dingtalk':
      return dingtalkChannel(s);
    case 'wecom':
      return wecomChannel(s);
    case 'log':
      return logChannel(s, logger.child({ component: 'notifications', channel: s.name }));
  }
}

function resolve(
  spec: ChannelSpec,
  env: Readonly<Record<string, string | undefined>>,
): ChannelSettings {
  const read = (ref: SecretRef | undefined, field: string): string | undefined => {
    if (ref === undefined) return undefined;
    if ('value' in ref) return ref.value;
    const v = env[ref.env];
    if (v === undefined || v === '')
      throw invalidInput(
        `notifications.channels.${spec.name}.${field} names the environment variable ${ref.env}, which is not set`,
      );
    return v;
  };
  return {
    name: spec.name,
    type: spec.type,
    language: spec.language,
    timeoutMs: spec.timeoutMs,
    url: read(spec.url, 'url'),
    secret: read(spec.secret, 'secret'),
    headers: spec.headers,
    smtp: spec.smtp && { ...spec.smtp, password: read(spec.smtp.password, 'smtp.password') },
    from: spec.from,
    to: spec.to,
  };
}
