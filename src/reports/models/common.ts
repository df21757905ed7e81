import type { Localized } from '../../domain/localized.js';
import type { AuditProofFacts, ComplianceEntryFacts, ReportFacts, TicketFacts } from '../facts.js';
import type { ReportKind } from '../period.js';

export interface ReportHeader {
  readonly kind: ReportKind;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly zone: string;
  readonly generatedAt: string;
  readonly customer: string | null;
  readonly policyName: Localized;
  readonly policyHash: string;
  readonly currency: string;
  readonly audit: AuditProofFacts | null;
}

export interface EvidenceRow {
  readonly commitment: string;
  readonly ticket: number;
  readonly customer: string;
  readonly subject: string | null;
  readonly dueAt: string | null;
  readonly breachedAt: string | null;
  readonly reason: string | null;
}

export interface CommitmentRow {
  readonly id: string;
  readonly name: Localized;
  readonly target: string;
  /** The same target in hours when it is written in days ("1d" is the guarantee's "24h"). */
  readonly targetHours: string | null;
  readonly unit: ComplianceEntryFacts['unit'];
  readonly value: number | null;
  readonly status: ComplianceEntryFacts['status'];
  readonly health: 'green' | 'amber' | 'red' | 'grey';
  readonly budgetLeft: number | null;
  readonly breaches: number;
  readonly sample: number;
  /** Clocks closed without a solution in time: shown beside the sample, never in it. */
  readonly cancelled: number;
  readonly previous: number | null;
  /** Did the value move the good way, the bad way, or not at all since the previous period? */
  readonly change: 'better' | 'worse' | 'same' | null;
  readonly evidence: readonly EvidenceRow[];
}

export function header(f: ReportFacts): ReportHeader {
  return {
    kind: f.period.kind,
    period: f.period.label,
    from: new Date(f.period.from).toISOString(),
    to: new Date(f.period.to).toISOString(),
    zone: f.period.zone,
    generatedAt: f.generatedAt,
    customer: f.customer,
    policyName: f.policy.name,
    policyHash: f.policy.hash,
    currency: f.policy.currency,
    audit: f.audit,
  };
}

/** Every ticket the facts know, by id, for subjects in the evidence. */
export function ticketIndex(f: ReportFacts): Map<number, TicketFacts> {
  const m = new Map<number, TicketFacts>();
  for (const t of [...f.tickets, ...f.breachedTickets, ...f.openTickets]) m.set(t.id, t);
  return m;
}

export function evidenceRows(
  e: ComplianceEntryFacts,
  tickets: Map<number, TicketFacts>,
): EvidenceRow[] {
  return e.evidence.map((x) => ({
    commitment: e.commitment,
    ticket: x.ticket,
    customer: x.customer,
    subject: tickets.get(x.ticket)?.subject ?? null,
    dueAt: x.dueAt,
    breachedAt: x.breachedAt,
    reason: x.reason ?? null,
  }));
}

export function changeOf(
  better: 'higher' | 'lower',
  now: number | null,
  before: number | null,
): CommitmentRow['change'] {
  if (now === null || before === null) return null;
  if (Math.abs(now - before) < 1e-9) return 'same';
  return now > before === (better === 'higher') ? 'better' : 'worse';
}

/** The commitments over the period against their targets, with the previous period beside them. */
export function commitmentRows(f: ReportFacts): CommitmentRow[] {
  const tickets = ticketIndex(f);
  const before = new Map(f.previousCompliance.commitments.map((e) => [e.commitment, e]));
  const meta = new Map(f.commitments.map((c) => [c.id, c]));
  return f.compliance.commitments.map((e) => {
    const prev = before.get(e.commitment)?.value ?? null;
    const h = f.health[e.commitment] ?? { health: 'grey' as const, budgetLeft: null };
    return {
      id: e.commitment,
      name: e.name,
      target: e.target,
      targetHours: inHours(e.target),
      unit: e.unit,
      value: e.value,
      status: e.status,
      health: h.health,
      budgetLeft: h.budgetLeft,
      breaches: e.breaches,
      sample: e.sample,
      cancelled: e.cancelled,
      previous: prev,
      change: changeOf(meta.get(e.commitment)?.better ?? 'higher', e.value, prev),
      evidence: evidenceRows(e, tickets),
    };
  });
}

export const inRange = (iso: string | null, from: number, to: number) =>
  iso !== null && Date.parse(iso) >= from && Date.parse(iso) < to;

function inHours(target: string): string | null {
  const m = /^(\d+)d(?:(\d+)h)?$/.exec(target);
  return m ? `${Number(m[1]) * 24 + Number(m[2] ?? 0)}h` : null;
}
