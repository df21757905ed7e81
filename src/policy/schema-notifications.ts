import { Type, type Static } from 'typebox';
import { LANGUAGES } from '../domain/localized.js';
import { oneOf, strictObject } from '../validation/schema-kit.js';
import { SEVERITIES } from './notifications.js';

/**
 * The shape of the `notifications` and `credits` sections. Structure only; references
 * (a route naming a channel, a level naming a person) are checked in compile-notifications.ts.
 */

const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  description: 'letters, digits, "-", "_" or "."',
});
const Duration = Type.String({ minLength: 1, description: 'a duration like 30s, 10m or 2h' });

const Secret = Type.Union(
  [
    Type.String({ minLength: 1 }),
    strictObject({ env: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }) }),
  ],
  {
    description:
      'the value itself, or { env: NAME } to read it from an environment variable at start',
  },
);

const Smtp = strictObject({
  host: Type.String({ minLength: 1 }),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  secure: Type.Optional(
    Type.Boolean({
      description: 'TLS from the first byte (port 465); otherwise STARTTLS when offered',
    }),
  ),
  user: Type.Optional(Type.String({ minLength: 1 })),
  password: Type.Optional(Secret),
  verifyCertificate: Type.Optional(Type.Boolean()),
});

export const ChannelSchema = strictObject({
  // Which types exist, and which settings each takes, is the channel kinds' to say (compile-notifications.ts).
  type: Type.String({ minLength: 1 }),
  enabled: Type.Optional(
    Type.Boolean({ description: 'false keeps the channel declared but sends nothing through it' }),
  ),
  language: Type.Optional(oneOf(LANGUAGES)),
  timeout: Type.Optional(Duration),
  attempts: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      description: 'attempts before falling over to the next channel (4 by default)',
    }),
  ),
  backoff: Type.Optional(Duration),
  maxBackoff: Type.Optional(Duration),
  url: Type.Optional(Secret),
  secret: Type.Optional(Secret),
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  smtp: Type.Optional(Smtp),
  from: Type.Optional(Type.String({ minLength: 3 })),
  to: Type.Optional(Type.Array(Type.String({ minLength: 3 }), { minItems: 1 })),
});

const PersonSchema = strictObject({
  name: Type.String({ minLength: 1 }),
  email: Type.Optional(Type.String({ minLength: 3 })),
  mobile: Type.Optional(Type.String({ pattern: '^\\+?[0-9-]{5,20}$' })),
  chatIds: Type.Optional(
    Type.Record(Type.String(), Type.String({ minLength: 1 }), {
      description: 'chat user ids for mentions: { slack: U123, feishu: ou_…, wecom: zhangsan }',
    }),
  ),
  language: Type.Optional(oneOf(LANGUAGES)),
  quietHours: Type.Optional(Type.String({ minLength: 1 })),
  via: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true })),
});

const QuietHoursSchema = strictObject({
  timezone: Type.Optional(Type.String({ minLength: 1 })),
  hours: Type.String({
    pattern: '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$',
    description: 'like "22:00-08:00" (may run past midnight)',
  }),
  days: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'the weekdays the quiet period starts on, like mon-fri (every day by default)',
    }),
  ),
  exceptSeverities: Type.Optional(Type.Array(oneOf(SEVERITIES), { uniqueItems: true })),
});

const LocalDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$',
  description: 'a local date-time like 2026-01-05T09:00',
});

const ScheduleSchema = strictObject({
  timezone: Type.Optional(Type.String({ minLength: 1 })),
  start: LocalDateTime,
  every: Type.Optional(
    Type.String({
      pattern: '^\\d+[dw]$',
      description: 'how long a turn is: 1w (the default), 2w, 1d …',
    }),
  ),
  members: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  overrides: Type.Optional(
    Type.Array(
      strictObject({
        from: Type.String({ minLength: 1 }),
        to: Type.String({ minLength: 1 }),
        person: Type.String({ minLength: 1 }),
      }),
    ),
  ),
});

const Target = Type.String({
  pattern: '^(person|team|schedule|channel):.+$',
  description: 'person:ID, team:ID, schedule:ID or channel:NAME',
});

const EscalationSchema = strictObject({
  levels: Type.Array(
    strictObject({
      name: Type.Optional(Id),
      after: Duration,
      notify: Type.Array(Target, { minItems: 1 }),
    }),
    { minItems: 1 },
  ),
  repeat: Type.Optional(
    strictObject({ every: Duration, times: Type.Integer({ minimum: 1, maximum: 100 }) }),
  ),
});

const RouteSchema = strictObject({
  name: Type.Optional(Id),
  match: Type.Optional(
    strictObject({
      types: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      commitments: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      customers: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      plans: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      services: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      severities: Type.Optional(Type.Array(oneOf(SEVERITIES), { minItems: 1 })),
    }),
  ),
  escalation: Type.String({ minLength: 1 }),
  channels: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
  severity: Type.Optional(oneOf(SEVERITIES)),
});

const TemplateSchema = strictObject({
  title: Type.String({ minLength: 1 }),
  body: Type.String({ minLength: 1 }),
});

export const NotificationsSchema = strictObject({
  language: Type.Optional(oneOf(LANGUAGES)),
  maxAge: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'signals older than this when Surety reads them (imported history) open no alert; 24h by default',
    }),
  ),
  baseUrl: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'where people reach Surety, for links in messages',
    }),
  ),
  channels: Type.Optional(Type.Record(Id, ChannelSchema)),
  people: Type.Optional(Type.Record(Id, PersonSchema)),
  teams: Type.Optional(Type.Record(Id, Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }))),
  schedules: Type.Optional(Type.Record(Id, ScheduleSchema)),
  quietHours: Type.Optional(Type.Record(Id, QuietHoursSchema)),
  escalations: Type.Optional(Type.Record(Id, EscalationSchema)),
  routes: Type.Optional(Type.Array(RouteSchema)),
  templates: Type.Optional(
    Type.Record(
      Type.String({ minLength: 1 }),
      strictObject({ en: Type.Optional(TemplateSchema), zh: Type.Optional(TemplateSchema) }),
    ),
  ),
});

export const CreditsSchema = strictObject({
  monthlyCap: Type.Optional(
    Type.String({
      pattern: '^\\d+(\\.\\d+)?%$',
      description: 'the most a customer is credited in a month, like 100% of its fee',
    }),
  ),
});

export type NotificationsDocument = Static<typeof NotificationsSchema>;
export type ChannelDocument = Static<typeof ChannelSchema>;
export type CreditsDocument = Static<typeof CreditsSchema>;
