import type { Language } from '../../domain/localized.js';
import type { Instant } from '../../domain/time.js';
import type { Severity } from '../../policy/notifications.js';

/** The person a message is for, with what channels need to reach or mention them. */
export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly email?: string | undefined;
  readonly mobile?: string | undefined;
  readonly chatIds: Readonly<Record<string, string>>;
}

/** A message ready to send: rendered text plus the facts a machine receiver wants. */
export interface OutgoingMessage {
  /** The notification's id: the same on every attempt, so receivers can drop duplicates. */
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** Alert number, level, how to acknowledge, a fall-over note: shown under the body. */
  readonly footer: string;
  readonly severity: Severity;
  readonly eventType: string;
  readonly language: Language;
  readonly link?: string | undefined;
  readonly recipient?: Recipient | undefined;
  /** Structured facts (alert, event) for JSON receivers. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Files to attach where the channel can carry them (e-mail: a scheduled report's PDF). */
  readonly attachments?: readonly Attachment[] | undefined;
}

export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface DeliveryReceipt {
  /** What the receiver answered, for the attempt log ("HTTP 200", "250 2.0.0 queued"). */
  readonly detail: string;
}

/**
 * Why a delivery failed, for a person. `permanent` failures (a 404, a refused address, a
 * redirect loop) fall over to the next channel at once; the others are retried with backoff.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The one shape every channel has (e-mail, webhook, Slack, Teams, Feishu, DingTalk, WeCom,
 * log). One contract test suite runs against each.
 */
export interface NotificationChannel {
  readonly name: string;
  readonly type: string;
  readonly language: Language;
  /** Where it sends, for logs: a host, never a secret-bearing URL. */
  readonly target: string;
  /** Whether a message's attachments reach the receiver (a report's PDF); absent: they do not. */
  readonly carriesFiles?: boolean;
  /** Why this channel cannot carry a message for `recipient` (an e-mail channel without an address), or undefined. */
  unreachable(recipient: Recipient | undefined): string | undefined;
  /** Sends once; throws DeliveryError with a cause a person understands. */
  send(message: OutgoingMessage, now: Instant): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

/** The message as plain text: title, body, footer. */
export function plainText(m: OutgoingMessage): string {
  return [
    m.title,
    '',
    m.body,
    ...(m.link ? ['', m.link] : []),
    ...(m.footer ? ['', m.footer] : []),
  ].join('\n');
}
