import type { Instant } from '../../domain/time.js';

export interface CheckupRun {
  readonly id: number;
  readonly kind: 'health' | 'stress';
  readonly name: string;
  readonly scheduledAt: Instant | null;
  readonly startedAt: Instant;
  readonly finishedAt: Instant;
  readonly status: 'passed' | 'failed' | 'missed';
  readonly source: 'scheduled' | 'manual' | 'external';
  readonly report: Readonly<Record<string, unknown>>;
}

export interface CheckupRepository {
  insert(run: Omit<CheckupRun, 'id'>): Promise<number>;
  get(id: number): Promise<CheckupRun | undefined>;
  list(filter: { kind: 'health' | 'stress'; name?: string; limit: number }): Promise<CheckupRun[]>;
  /** The latest run of a suite or test (any status), by start. */
  latest(kind: 'health' | 'stress', name: string): Promise<CheckupRun | undefined>;
}
