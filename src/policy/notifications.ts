import { DAY, type Millis } from '../domain/duration.js';
import type { Language } from '../domain/localized.js';

/**
 * The compiled `notifications` and `credits` sections of a policy: who is told what, through
 * which channels, in what order; and how service credits are counted. Read by the
 * consequences stage; every reference here is resolved and checked at load.
 */

export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A setting that may be written in the file or named as an environment variable (resolved at start). */
export type SecretRef = { readonly value: string } | { readonly env: string };

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user?: string | undefined;
  readonly password?: SecretRef | undefined;
  /** Refuse servers whose certificate does not verify (true unless a private server says otherwise). */
  readonly verifyCertificate: boolean;
}

export interface ChannelSpec {
  readonly name: string;
  /** One of the channel kinds' types (consequences/channels/kinds.ts). */
  readonly type: string;
  readonly language: Language;
  readonly timeoutMs: Millis;
  /** Attempts on this channel before a notification falls over to the next one. */
  readonly attempts: number;
  /** First retry delay; doubles each attempt, up to `maxBackoffMs`. */
  readonly backoffMs: Millis;
  readonly maxBackoffMs: Millis;
  readonly url?: SecretRef | undefined;
  /** HMAC secret (webhook), signing secret (DingTalk, Feishu). */
  readonly secret?: SecretRef | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly smtp?: SmtpSettings | undefined;
  readonly from?: string | undefined;
  /** Fixed recipients of an e-mail channel when a notification is not for a person. */
  readonly to: readonly string[];
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email?: string | undefined;
  /** For @-mentions on DingTalk and WeCom. */
  readonly mobile?: string | undefined;
  /** Chat user ids for @-mentions: { slack: U123, feishu: ou_… , wecom: userid }. */
  readonly chatIds: Readonly<Record<string, string>>;
  readonly language?: Language | undefined;
  readonly quietHours?: string | undefined;
  /** Channels to reach this person by, in fall-over order; the route's when absent. */
  readonly via?: readonly string[] | undefined;
}

/** Minutes after local midnight; `end <= start` wraps past midnight (22:00-08:00). */
export interface QuietHours {
  readonly name: string;
  readonly timezone: string;
  readonly start: number;
  readonly end: number;
  /** ISO weekdays (1 = Monday) on which the quiet period starts. */
  readonly days: readonly number[];
  /** Severities that are paged even in quiet hours. */
  readonly exceptSeverities: readonly Severity[];
}

export interface Override {
  readonly from: number;
  readonly to: number;
  readonly person: string;
}

/** A rotation: members take turns of `periodDays` whole local days, handing over at `start`'s wall time. */
export interface Schedule {
  readonly name: string;
  readonly timezone: string;
  /** The first turn's start, as a local date-time "2026-01-05T09:00". */
  readonly start: string;
  readonly periodDays: number;
  readonly members: readonly string[];
  /** Later entries win where they overlap. */
  readonly overrides: readonly Override[];
}

export type Target = {
  readonly kind: 'person' | 'team' | 'schedule' | 'channel';
  readonly id: string;
};

export interface EscalationLevel {
  readonly name: string;
  /** From the alert's start (when escalation starts at level 0). */
  readonly afterMs: Millis;
  readonly notify: readonly Target[];
}

export interface EscalationPolicy {
  readonly name: string;
  readonly levels: readonly EscalationLevel[];
  /** After the last level, its targets are paged again every `everyMs`, `times` times, until acknowledged. */
  readonly repeat: { readonly everyMs: Millis; readonly times: number } | undefined;
}

export interface RouteMatch {
  /** Signal types; "metric.*" matches a family. */
  readonly types?: readonly string[] | undefined;
  readonly commitments?: readonly string[] | undefined;
  readonly customers?: readonly string[] | undefined;
  readonly plans?: readonly string[] | undefined;
  readonly services?: readonly string[] | undefined;
  readonly severities?: readonly Severity[] | undefined;
}

export interface Route {
  readonly name: string;
  readonly match: RouteMatch;
  readonly escalation: string;
  /** Fall-over order for this route's notifications. */
  readonly channels: readonly string[];
  /** Overrides the signal's severity. */
  readonly severity?: Severity | undefined;
}

export interface MessageTemplate {
  readonly title: string;
  readonly body: string;
}

export interface NotificationsPolicy {
  readonly language: Language;
  readonly channels: ReadonlyMap<string, ChannelSpec>;
  readonly people: ReadonlyMap<string, Person>;
  readonly teams: ReadonlyMap<string, readonly string[]>;
  readonly schedules: ReadonlyMap<string, Schedule>;
  readonly quietHours: ReadonlyMap<string, QuietHours>;
  readonly escalations: ReadonlyMap<string, EscalationPolicy>;
  /** First match wins. */
  readonly routes: readonly Route[];
  /** Event type → language → template; these win over the built-in ones. */
  readonly templates: ReadonlyMap<string, Partial<Record<Language, MessageTemplate>>>;
  /** Signals older than this when read (imported history) page no one. */
  readonly maxAgeMs: Millis;
  /** Where the API is reached, for links in messages (none when absent). */
  readonly baseUrl?: string | undefined;
}

export const EMPTY_NOTIFICATIONS: NotificationsPolicy = {
  language: 'en',
  channels: new Map(),
  people: new Map(),
  teams: new Map(),
  schedules: new Map(),
  quietHours: new Map(),
  escalations: new Map(),
  routes: [],
  templates: new Map(),
  maxAgeMs: DAY,
};

export interface CreditTier {
  /** Uptime strictly below this percentage earns the tier. */
  readonly belowPercent: number;
  readonly percentOfMonthlyFee: number;
}

/** What a named consequence does, typed. */
export type ConsequenceRule =
  | {
      readonly type: 'credit';
      /** A share of the monthly fee for each breach … */
      readonly percentOfMonthlyFee?: number | undefined;
      /** … or by the month's uptime (the lowest tier the uptime is below wins). */
      readonly tiers?: readonly CreditTier[] | undefined;
      /** The most this consequence credits in a month. */
      readonly maxPercentOfMonthlyFee?: number | undefined;
    }
  | { readonly type: 'expedite'; readonly escalateTo: string | undefined }
  | {
      readonly type: 'escalate';
      readonly startAt: string | undefined;
      readonly escalation: string | undefined;
    }
  | { readonly type: 'notify'; readonly channels: readonly string[] };

export interface CreditsPolicy {
  /** The most a customer is credited in a month, as a share of its monthly fee. */
  readonly monthlyCapPercent: number;
}
