import type { Instant } from '../../domain/time.js';

export interface MonitorRow {
  readonly id: string;
  readonly service: string;
  readonly customer: string | null;
  readonly type: string;
  /** The definition as written (policy or API), compiled again wherever it is used. */
  readonly definition: Readonly<Record<string, unknown>>;
  readonly locations: readonly string[];
  readonly source: 'policy' | 'api';
  readonly pingKey: string | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly removedAt: Instant | null;
}

export interface MonitorRepository {
  upsert(row: MonitorRow): Promise<void>;
  get(id: string): Promise<MonitorRow | undefined>;
  /** Monitors not removed; with `includeRemoved`, those too (history keeps them). */
  list(filter?: {
    service?: string;
    customer?: string;
    includeRemoved?: boolean;
  }): Promise<MonitorRow[]>;
  getMany(ids: readonly string[]): Promise<MonitorRow[]>;
  byPingKey(key: string): Promise<MonitorRow | undefined>;
  /** The newest updated_at (or removal) of any monitor: the prober reloads when it moves. */
  version(): Promise<number>;
}
