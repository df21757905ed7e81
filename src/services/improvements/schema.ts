import { Type } from 'typebox';
import { IMPROVEMENT_STATUSES, REVIEW_EFFECTS } from '../../domain/improvement.js';
import { oneOf, strictObject } from '../../validation/schema-kit.js';

export const MONTH = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'the plan month, like 2026-10',
});
export const DATE = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'a calendar date, like 2026-11-15',
});

export const LinkInput = strictObject({
  commitment: Type.String({
    minLength: 1,
    description: 'the commitment whose breach this item answers',
  }),
  ticket: Type.Optional(Type.Integer({ minimum: 1, description: 'the breached ticket' })),
  signal: Type.Optional(
    Type.Integer({ minimum: 1, description: 'the breach signal (metric rule, incident …)' }),
  ),
});

export const StatusInput = oneOf(IMPROVEMENT_STATUSES);
export const EffectInput = oneOf(REVIEW_EFFECTS);
