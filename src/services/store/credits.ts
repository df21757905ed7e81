import type { Instant } from '../../domain/time.js';

export interface CreditLineRow {
  readonly month: string;
  readonly customer: string;
  /** Stable per month and customer: "ticket:12:C-01", "uptime:C-05". */
  readonly key: string;
  readonly commitment: string;
  readonly consequence: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly dueAt: Instant | null;
  readonly breachedAt: Instant | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly status: 'active' | 'void';
  /** Everything the amount was computed from: fee, percentage, uptime, stop time, incidents. */
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly updatedAt: Instant;
}

export interface CreditAuditRow {
  readonly month: string;
  readonly customer: string;
  readonly key: string;
  readonly at: Instant;
  readonly action: 'added' | 'changed' | 'voided' | 'restored';
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
  readonly reason: string;
  readonly actor: string;
}

export interface CreditRepository {
  lines(month: string, customer?: string): Promise<CreditLineRow[]>;
  /** Inserts or replaces the line with the same month, customer and key. */
  put(line: CreditLineRow): Promise<void>;
  audit(row: CreditAuditRow): Promise<void>;
  auditOf(month: string, customer?: string): Promise<CreditAuditRow[]>;
}
