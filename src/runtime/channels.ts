import type { Logger } from 'pino';
import type { NotificationChannel } from '../consequences/channels/channel.js';
import type { ChannelSettings } from '../consequences/channels/settings.js';
import { CHANNEL_KINDS } from '../consequences/channels/kinds.js';
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
  const kind = CHANNEL_KINDS.find((k) => k.type === s.type);
  // The policy compiler checked the type against the same list.
  if (!kind) throw invalidInput(`notifications.channels.${s.name}: no channel type "${s.type}"`);
  return kind.build(s, {
    logSink: (channel) => logger.child({ component: 'notifications', channel }),
  });
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
