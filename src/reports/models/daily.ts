import type { ReportFacts, SignalFacts } from '../facts.js';
import {
  commitmentRows,
  header,
  inRange,
  type CommitmentRow,
  type EvidenceRow,
  type ReportHeader,
} from './common.js';
import { feedbackModel, type FeedbackModel } from './feedback.js';

/** The daily quality report (guarantee §5): system status, problem handling, customer feedback. */
export interface DailyReport {
  readonly kind: 'daily';
  readonly header: ReportHeader;
  readonly system: {
    readonly availability: ReportFacts['availability'];
    readonly signals: readonly SignalFacts[];
  };
  readonly handling: {
    readonly created: number;
    readonly resolved: number;
    readonly openAtEnd: number;
    readonly breachedOpen: number;
    readonly byKind: Readonly<Record<string, number>>;
    readonly breaches: readonly EvidenceRow[];
  };
  readonly feedback: FeedbackModel;
  readonly commitments: readonly CommitmentRow[];
}

export function dailyReport(f: ReportFacts): DailyReport {
  const rows = commitmentRows(f);
  const { from, to } = f.period;
  const resolved = [...f.tickets, ...f.openTickets, ...f.breachedTickets].filter((t) =>
    t.events.some((e) => e.type === 'resolved' && inRange(e.at, from, to)),
  );
  const byKind: Record<string, number> = {};
  for (const t of f.tickets) byKind[t.kind] = (byKind[t.kind] ?? 0) + 1;
  return {
    kind: 'daily',
    header: header(f),
    system: {
      availability: f.availability,
      signals: f.signals.filter((s) => s.type !== 'clock.warning'),
    },
    handling: {
      created: f.tickets.length,
      resolved: new Set(resolved.map((t) => t.id)).size,
      openAtEnd: f.openTickets.length,
      breachedOpen: f.openTickets.filter((t) => t.breached).length,
      byKind,
      breaches: rows.flatMap((r) => r.evidence.filter((e) => e.breachedAt !== null)),
    },
    feedback: feedbackModel(f.tickets),
    commitments: rows,
  };
}
