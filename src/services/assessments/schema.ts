import { Type } from 'typebox';
import type { Role } from '../context.js';

export const QUARTER = Type.String({
  pattern: '^\\d{4}-Q[1-4]$',
  description: 'the quarter assessed, like 2026-Q4',
});

/** "2026-Q4" → "2026-10-01". */
export function firstDayOf(quarter: string): string {
  const month = (Number(quarter.slice(6)) - 1) * 3 + 1;
  return `${quarter.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
}

/**
 * Who reads assessments: the provider's staff and the assessors. Customers read the verdict
 * and the findings' count in their quarterly report, not the record itself.
 */
export const ASSESSMENT_READERS: readonly Role[] = ['admin', 'agent', 'auditor'];
