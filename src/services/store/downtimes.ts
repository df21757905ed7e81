import type { Instant } from '../../domain/time.js';

export interface DowntimeRow {
  readonly id: number;
  readonly monitorId: string;
  readonly location: string;
  readonly service: string;
  readonly from: Instant;
  /** Null while still down. */
  readonly to: Instant | null;
  readonly cause: string;
  readonly message: string;
}

/** Spans during which a monitor was down at a location. */
export interface DowntimeRepository {
  open(row: Omit<DowntimeRow, 'id' | 'to'>): Promise<void>;
  close(monitorId: string, location: string, to: Instant): Promise<void>;
  /** Downtimes of a service that overlap [from, to) (open ones included). */
  ofService(service: string, from: Instant, to: Instant): Promise<DowntimeRow[]>;
  /** Services with any downtime overlapping [from, to). */
  servicesDownBetween(from: Instant, to: Instant): Promise<string[]>;
}
