import type { Instant } from '../../domain/time.js';

/** The record of which report was generated for which period, and where it went. */
export interface ReportRepository {
  /** Records a run; running the same kind and period again replaces it. */
  recordRun(run: {
    kind: string;
    period: string;
    generatedAt: Instant;
    deliveredTo: readonly string[];
  }): Promise<void>;
  /** The latest run of a kind, by generation time. */
  lastRun(kind: string): Promise<{ period: string; generatedAt: Instant } | undefined>;
}
