import { type NotificationChannel } from '../../consequences/channels/channel.js';

/** The channels as built by the runtime; declared here, by their user. */
export interface ChannelSet {
  get(name: string): NotificationChannel | undefined;
}

/** Where delivery reports what a person should look at (the runtime gives it the logger). */
export interface DeliveryLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type DeliveryOutcome =
  'delivered' | 'retrying' | 'failed_over' | 'failed' | 'cancelled' | 'lost_lease';
