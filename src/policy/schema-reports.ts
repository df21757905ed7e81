import { Type, type Static } from 'typebox';
import { LANGUAGES } from '../domain/localized.js';
import { SCHEDULED_REPORT_KINDS } from './reports.js';
import { oneOf, strictObject } from '../validation/schema-kit.js';

/** The shape of the `reports` section; references (people, teams, channels) are checked in compile-reports.ts. */

const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  description: 'letters, digits, "-", "_" or "."',
});

export const ReportScheduleSchema = strictObject({
  report: oneOf(SCHEDULED_REPORT_KINDS, { description: 'daily, weekly, monthly or quarterly' }),
  at: Type.Optional(
    Type.String({
      pattern: '^\\d{2}:\\d{2}$',
      description:
        'the time of day (policy time zone) it goes out once its period has closed, like 08:30 (08:00 by default)',
    }),
  ),
  language: Type.Optional(oneOf(LANGUAGES)),
  format: Type.Optional(
    oneOf(['pdf', 'html'] as const, {
      description: 'the attachment: pdf (the default, printed by headless Chromium) or html',
    }),
  ),
  to: Type.Array(
    Type.String({
      pattern: '^(person|team|channel):.+$',
      description: 'person:ID, team:ID or channel:NAME from the notifications section',
    }),
    { minItems: 1, uniqueItems: true },
  ),
  customer: Type.Optional(Type.String({ minLength: 1, description: "one customer's own report" })),
  enabled: Type.Optional(
    Type.Boolean({ description: 'false keeps the schedule declared but generates nothing' }),
  ),
});

export const ReportsSchema = strictObject({
  schedules: Type.Optional(Type.Record(Id, ReportScheduleSchema)),
});

export type ReportsDocument = Static<typeof ReportsSchema>;
