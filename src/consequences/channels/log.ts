import type { NotificationChannel } from './channel.js';
import type { ChannelKind, LineSink } from './channel-kind.js';
import type { ChannelSettings } from './settings.js';

/**
 * Writes the message to Surety's own log: the channel that cannot fail, as the last
 * fall-over, and a way to run with notifications on before any real channel is set up.
 */
export function logChannel(s: ChannelSettings, sink: LineSink): NotificationChannel {
  return {
    name: s.name,
    type: 'log',
    language: s.language,
    target: 'the Surety log',
    unreachable: () => undefined,
    async send(m) {
      sink.info(
        {
          notification: m.id,
          channel: s.name,
          severity: m.severity,
          event: m.eventType,
          recipient: m.recipient?.name,
          title: m.title,
          body: m.body,
          footer: m.footer,
        },
        'notification',
      );
      return { detail: 'written to the log' };
    },
    close: async () => {},
  };
}

/** Surety's own log: needs no settings and cannot fail. */
export const logKind: ChannelKind = {
  type: 'log',
  settings: {},
  build: (s, deps) => logChannel(s, deps.logSink(s.name)),
};
