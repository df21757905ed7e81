import type { Instant } from '../../domain/time.js';

export interface MaintenanceRow {
  readonly id: number;
  readonly service: string | null;
  readonly title: string;
  readonly kind: 'once' | 'recurring';
  readonly spec: string | null;
  readonly from: Instant | null;
  readonly to: Instant | null;
  readonly declaredAt: Instant;
  readonly until: Instant | null;
  readonly source: 'api' | 'policy';
  readonly policyKey: string | null;
  readonly createdBy: string | null;
  readonly cancelledAt: Instant | null;
}

export interface MaintenanceRepository {
  insert(row: Omit<MaintenanceRow, 'id'>): Promise<number>;
  get(id: number): Promise<MaintenanceRow | undefined>;
  /** Windows that are not cancelled (with `all`, cancelled too), for a service (and the every-service ones). */
  list(filter?: { service?: string; all?: boolean }): Promise<MaintenanceRow[]>;
  /** Ends a window: a recurring one stops recurring at `at`, a one-off is cut at `at` (or dropped if not begun). */
  cancel(id: number, at: Instant): Promise<void>;
}
