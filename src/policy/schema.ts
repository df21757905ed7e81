import { Type, type Static } from 'typebox';
import { CHANNELS, PRIORITIES, TICKET_KINDS } from '../domain/ticket.js';
import { oneOf, strictObject } from '../validation/schema-kit.js';
import { MEASURES } from './measures.js';
import { AvailabilitySchema } from './availability-schema.js';
import { CreditsSchema, NotificationsSchema } from './schema-notifications.js';
import { ReportsSchema } from './schema-reports.js';

/**
 * The shape of a policy file, as JSON Schema. It checks structure; meaning (a calendar
 * that exists, a target that fits its measure) is checked in compile.ts, with the same
 * file:line:column positions.
 */

const Name = strictObject(
  { en: Type.String({ minLength: 1 }), zh: Type.String({ minLength: 1 }) },
  { description: 'a name in English and Chinese: { en: ..., zh: ... }' },
);

const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  description: 'letters, digits, "-", "_" or "." (like C-01)',
});

const Percent = Type.String({ pattern: '^\\d+(\\.\\d+)?%$', description: 'a percentage like 75%' });

/** "09:00-17:00" or "09:00-12:00, 13:00-18:00"; parsed and checked in calendar.ts. */
const Hours = Type.String({
  minLength: 1,
  description: 'opening hours like "09:00-17:00" or "09:00-12:00, 13:00-18:00"',
});

const DateOrRange = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(\\.\\.\\d{4}-\\d{2}-\\d{2})?$',
  description: 'a date like 2026-10-01 or a range like 2026-10-01..2026-10-07',
});

export const CalendarSchema = strictObject({
  timezone: Type.String({ minLength: 1, description: 'an IANA time zone like Europe/Berlin' }),
  hours: Type.Record(Type.String(), Hours, {
    description: 'weekday (mon, tue, ... or a range mon-fri) → opening hours',
  }),
  holidays: Type.Optional(
    Type.Array(
      Type.Union([
        DateOrRange,
        strictObject({ date: DateOrRange, name: Type.Optional(Type.String()) }),
      ]),
    ),
  ),
  extraWorkingDays: Type.Optional(
    Type.Array(
      strictObject({ date: DateOrRange, hours: Hours, name: Type.Optional(Type.String()) }),
      {
        description:
          'days that are worked although their weekday is not (a weekend made up for a holiday)',
      },
    ),
  ),
});

const AppliesTo = strictObject({
  kinds: Type.Optional(Type.Array(oneOf(TICKET_KINDS), { minItems: 1, uniqueItems: true })),
  priorities: Type.Optional(Type.Array(oneOf(PRIORITIES), { minItems: 1, uniqueItems: true })),
  channels: Type.Optional(Type.Array(oneOf(CHANNELS), { minItems: 1, uniqueItems: true })),
  customers: Type.Optional(Type.Array(Id, { minItems: 1, uniqueItems: true })),
  plans: Type.Optional(Type.Array(Id, { minItems: 1, uniqueItems: true })),
});

/** Targets are written the way the guarantee reads: "15m", ">= 99.9%", "<= 30m", ">= 4.5". */
const Target = Type.Union([Type.String({ minLength: 1 }), Type.Number()], {
  description:
    'a duration like 15m for a clock, or a comparison like ">= 99.9%", "<= 30m", ">= 4.5"',
});

export const CommitmentSchema = strictObject({
  id: Id,
  name: Name,
  description: Type.Optional(Name),
  measure: oneOf(MEASURES),
  target: Target,
  window: Type.Optional(
    Type.String({
      pattern: '^(ticket|incident|month|\\d+d)$',
      description: 'ticket, incident, month, or rolling days like 30d',
    }),
  ),
  appliesTo: Type.Optional(AppliesTo),
  calendar: Type.Optional(Type.String({ minLength: 1 })),
  warnAt: Type.Optional(Type.Array(Percent, { uniqueItems: true })),
  pausesWhileWaiting: Type.Optional(Type.Boolean()),
  onReopen: Type.Optional(oneOf(['keep', 'resume'] as const)),
  closedWithoutSolution: Type.Optional(
    oneOf(['cancel', 'breach'] as const, {
      description:
        'a ticket closed before its solution: cancel leaves the clock out of attainment (the default), breach breaks it at the close',
    }),
  ),
  attainment: Type.Optional(Percent),
  scale: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, description: 'the top of a score scale, like 5' }),
  ),
  onBreach: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true })),
});

export const ConsequenceSchema = Type.Object(
  { type: oneOf(['credit', 'expedite', 'escalate', 'notify'] as const) },
  {
    additionalProperties: true,
    description: 'a named reaction to a breach; its fields depend on its type',
  },
);

export const SeriesSelectorSchema = strictObject(
  {
    measurement: Type.String({ minLength: 1 }),
    field: Type.Optional(Type.String({ minLength: 1 })),
    tags: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'tag → value; every one must match',
      }),
    ),
  },
  { description: 'which metric series: a measurement, optionally a field and tags' },
);

const MetricRuleSchema = strictObject({
  id: Id,
  name: Name,
  series: Type.Optional(SeriesSelectorSchema),
  ratio: Type.Optional(
    strictObject({ numerator: SeriesSelectorSchema, denominator: SeriesSelectorSchema }),
  ),
  aggregate: Type.Optional(
    oneOf(['mean', 'min', 'max', 'sum', 'count', 'last', 'p50', 'p90', 'p95', 'p99'] as const),
  ),
  over: Type.String({
    minLength: 1,
    description: 'the window, whole minutes from 1m to 6h, like 5m',
  }),
  target: Type.Union([Type.String({ minLength: 1 }), Type.Number()], {
    description: 'a comparison like "<= 300" or, for a ratio, "<= 1%"',
  }),
  onBreach: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true })),
});

const MetricsSchema = strictObject({
  quantiles: Type.Optional(
    Type.Array(SeriesSelectorSchema, { description: 'series whose rollups carry p50/p95/p99' }),
  ),
  raw: Type.Optional(
    strictObject({
      window: Type.String({ minLength: 1, description: 'how long raw points are kept, like 1h' }),
      series: Type.Array(SeriesSelectorSchema, {
        description: 'the series whose every point is kept for charts',
      }),
    }),
  ),
  rules: Type.Optional(Type.Array(MetricRuleSchema)),
  anomalies: Type.Optional(
    Type.Array(
      strictObject({
        series: SeriesSelectorSchema,
        minScore: Type.Optional(
          Type.Number({
            exclusiveMinimum: 0,
            maximum: 1,
            description: 'alert at this anomaly score or above (0.5 by default)',
          }),
        ),
        onAnomaly: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true })),
      }),
    ),
  ),
});

const Overrides = Type.Record(Type.String(), Target, {
  description: 'commitment id → target, like { C-01: 10m }',
});

export const PlanSchema = strictObject({
  name: Type.Optional(Name),
  overrides: Type.Optional(Overrides),
});

export const ContractSchema = strictObject({
  id: Id,
  name: Type.String({ minLength: 1 }),
  plan: Type.Optional(Id),
  monthlyFee: Type.Number({ minimum: 0 }),
  currency: Type.Optional(
    Type.String({ pattern: '^[A-Z]{3}$', description: 'an ISO 4217 code like CNY' }),
  ),
  overrides: Type.Optional(Overrides),
});

export const PolicySchema = strictObject({
  surety: Type.Literal(1, { description: 'the policy format version; 1' }),
  name: Name,
  timezone: Type.Optional(
    Type.String({ minLength: 1, description: 'the IANA time zone calendar months are counted in' }),
  ),
  currency: Type.Optional(
    Type.String({ pattern: '^[A-Z]{3}$', description: 'an ISO 4217 code like CNY' }),
  ),
  lateEntryTolerance: Type.Optional(
    Type.String({
      description:
        'how far before its recording an event may be dated and still count as on time, like 5m; earlier ones are late entries',
    }),
  ),
  effectiveFrom: Type.Optional(
    Type.String({
      description:
        'from when these terms apply to new tickets: a date (2026-11-01, midnight in the policy time zone), a local date-time (2026-11-01T09:00) or one with an offset; the moment Surety loads the file by default',
    }),
  ),
  closeAfter: Type.Optional(
    Type.String({
      description:
        'how long after a month ends (in the policy time zone) it closes: its statement is final and no policy change re-derives it, like 10d (the default); never: months close only when their statement is issued (surety months close)',
    }),
  ),
  defaults: Type.Optional(
    strictObject({
      calendar: Type.Optional(Type.String({ minLength: 1 })),
      warnAt: Type.Optional(Type.Array(Percent, { uniqueItems: true })),
    }),
  ),
  calendars: Type.Optional(Type.Record(Id, CalendarSchema)),
  consequences: Type.Optional(Type.Record(Id, ConsequenceSchema)),
  commitments: Type.Array(CommitmentSchema, { minItems: 1 }),
  plans: Type.Optional(Type.Record(Id, PlanSchema)),
  customers: Type.Optional(Type.Array(ContractSchema)),
  metrics: Type.Optional(MetricsSchema),
  availability: Type.Optional(AvailabilitySchema),
  notifications: Type.Optional(NotificationsSchema),
  credits: Type.Optional(CreditsSchema),
  reports: Type.Optional(ReportsSchema),
});

export type PolicyDocument = Static<typeof PolicySchema>;
export type CommitmentDocument = Static<typeof CommitmentSchema>;
export type CalendarDocument = Static<typeof CalendarSchema>;
export type MetricsDocument = Static<typeof MetricsSchema>;
