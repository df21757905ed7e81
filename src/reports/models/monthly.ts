import type { ImprovementFacts, LateEntryFacts, ReportFacts } from '../facts.js';
import { commitmentRows, header, type CommitmentRow, type ReportHeader } from './common.js';
import { creditsModel, type CreditsModel } from './credits.js';
import { feedbackModel, type FeedbackModel } from './feedback.js';
import { lateEntriesModel } from './late-entries.js';
import { mttrModel, type MttrModel } from './mttr.js';

/**
 * The monthly quality review: every commitment against its target with the evidence behind
 * each breach, MTTR, credits owed, the feedback analysis, the improvement plan and the late
 * entries behind the figures.
 */
export interface MonthlyReport {
  readonly kind: 'monthly';
  readonly header: ReportHeader;
  readonly summary: {
    readonly met: number;
    readonly breached: number;
    readonly unmeasured: number;
    readonly breachedTickets: readonly number[];
    /** Clocks of the month closed without a solution (in time): neither met nor breached. */
    readonly closedWithoutSolution: number;
  };
  readonly commitments: readonly CommitmentRow[];
  readonly availability: ReportFacts['availability'];
  readonly mttr: MttrModel;
  readonly credits: CreditsModel;
  readonly feedback: FeedbackModel;
  readonly improvements: readonly ImprovementFacts[];
  readonly lateEntries: LateEntryFacts;
}

export function monthlyReport(f: ReportFacts): MonthlyReport {
  const rows = commitmentRows(f);
  const breachedTickets = [...new Set(rows.flatMap((r) => r.evidence.map((e) => e.ticket)))].sort(
    (a, b) => a - b,
  );
  return {
    kind: 'monthly',
    header: header(f),
    summary: {
      met: rows.filter((r) => r.status === 'met').length,
      breached: rows.filter((r) => r.status === 'breached').length,
      unmeasured: rows.filter((r) => r.status === 'no_data' || r.status === 'not_measured').length,
      breachedTickets,
      closedWithoutSolution: rows.reduce((n, r) => n + r.cancelled, 0),
    },
    commitments: rows,
    availability: f.availability,
    mttr: mttrModel([...f.tickets, ...f.breachedTickets], f.availability),
    credits: creditsModel(f.compliance, f.commitments, f.customers, f.credits),
    feedback: feedbackModel(f.tickets),
    improvements: f.improvements,
    lateEntries: lateEntriesModel(f),
  };
}
