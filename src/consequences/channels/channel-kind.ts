import type { ChannelKindRules } from '../../policy/channel-kind-rules.js';
import type { NotificationChannel } from './channel.js';
import type { ChannelSettings } from './settings.js';

/** Where the log channel writes: Surety's own log, handed in by the runtime. */
export interface LineSink {
  info(fields: Record<string, unknown>, message: string): void;
}

export interface ChannelDeps {
  /** The log of one channel (only the log channel writes to it). */
  readonly logSink: (channel: string) => LineSink;
}

/** Everything about one channel type: the settings the policy checks, and how it is built. */
export interface ChannelKind extends ChannelKindRules {
  build(settings: ChannelSettings, deps: ChannelDeps): NotificationChannel;
}
