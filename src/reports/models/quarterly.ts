import type { ImprovementFacts, LateEntryFacts, ReportFacts } from '../facts.js';
import { assessmentModel, type AssessmentModel } from './assessments.js';
import { commitmentRows, header, type CommitmentRow, type ReportHeader } from './common.js';
import { creditsModel, type CreditsModel } from './credits.js';
import { lateEntriesModel } from './late-entries.js';
import { mttrModel, type MttrModel } from './mttr.js';

export interface EvidenceFile {
  readonly name: string;
  readonly rows: number;
  readonly sha256: string;
  readonly bytes: number;
}

/** The quarterly assessment for a third-party assessor: the quarter, month by month, and the evidence files. */
export interface QuarterlyReport {
  readonly kind: 'quarterly';
  readonly header: ReportHeader;
  readonly commitments: readonly CommitmentRow[];
  readonly months: ReadonlyArray<{
    month: string;
    values: Readonly<
      Record<string, { value: number | null; status: string; breaches: number; cancelled: number }>
    >;
  }>;
  readonly mttr: MttrModel;
  readonly credits: CreditsModel;
  readonly improvements: readonly ImprovementFacts[];
  /** The quarter's late entries. */
  readonly lateEntries: LateEntryFacts;
  /** The quarter's third-party assessment(s), or none recorded. */
  readonly assessment: AssessmentModel;
  readonly files: readonly EvidenceFile[];
}

export function quarterlyReport(f: ReportFacts, files: readonly EvidenceFile[]): QuarterlyReport {
  return {
    kind: 'quarterly',
    header: header(f),
    commitments: commitmentRows(f),
    months: f.series.map((s) => ({
      month: s.label,
      values: Object.fromEntries(
        s.compliance.commitments.map((e) => [
          e.commitment,
          { value: e.value, status: e.status, breaches: e.breaches, cancelled: e.cancelled },
        ]),
      ),
    })),
    mttr: mttrModel([...f.tickets, ...f.breachedTickets], f.availability),
    credits: creditsModel(f.compliance, f.commitments, f.customers, f.credits),
    improvements: f.improvements,
    lateEntries: lateEntriesModel(f),
    assessment: assessmentModel(f.period.label, f.assessments),
    files,
  };
}
