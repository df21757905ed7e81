import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { ReportFacts } from './facts.js';
import type { EvidenceFile } from './models/quarterly.js';

export interface PackFile extends EvidenceFile {
  readonly content: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function file(name: string, rows: number, content: string): PackFile {
  return {
    name,
    rows,
    content,
    sha256: sha256(content),
    bytes: Buffer.byteLength(content, 'utf8'),
  };
}

function csv(
  name: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): PackFile {
  return file(
    name,
    rows.length,
    stringify([
      columns as string[],
      ...rows.map((r) =>
        r.map((v) =>
          v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v,
        ),
      ),
    ]),
  );
}

const json = (name: string, rows: number, value: unknown) =>
  file(name, rows, `${JSON.stringify(value, null, 2)}\n`);

/**
 * All evidence of a period as CSV and JSON files, each with its SHA-256, so a third-party
 * assessor can check that nothing was changed after it was handed over. Pure: the same
 * facts give byte-identical files.
 */
export function evidencePack(f: ReportFacts): PackFile[] {
  const tickets = [
    ...new Map([...f.tickets, ...f.breachedTickets].map((t) => [t.id, t])).values(),
  ].sort((a, b) => a.id - b.id);
  const clocks = tickets.flatMap((t) =>
    t.clocks.map((c) => ({ ticket: t.id, customer: t.customer, ...c })),
  );
  const entries = f.compliance.commitments;
  const evidence = entries.flatMap((e) =>
    e.evidence.map((x) => ({ commitment: e.commitment, ...x })),
  );
  return [
    json('compliance.json', entries.length, {
      period: f.period.label,
      window: f.compliance.window,
      customer: f.customer,
      commitments: entries,
      months: f.series,
    }),
    csv(
      'compliance.csv',
      ['commitment', 'target', 'value', 'unit', 'status', 'breaches', 'sample', 'cancelled'],
      entries.map((e) => [
        e.commitment,
        e.target,
        e.value,
        e.unit,
        e.status,
        e.breaches,
        e.sample,
        e.cancelled,
      ]),
    ),
    csv(
      'breaches.csv',
      ['commitment', 'ticket', 'customer', 'due_at', 'breached_at', 'reason'],
      evidence.map((x) => [x.commitment, x.ticket, x.customer, x.dueAt, x.breachedAt, x.reason]),
    ),
    json('tickets.json', tickets.length, tickets),
    csv(
      'tickets.csv',
      [
        'id',
        'customer',
        'kind',
        'priority',
        'channel',
        'status',
        'created_at',
        'rating',
        'decision',
        'breached',
        'subject',
      ],
      tickets.map((t) => [
        t.id,
        t.customer,
        t.kind,
        t.priority,
        t.channel,
        t.status,
        t.createdAt,
        t.rating,
        t.decision,
        t.breached,
        t.subject,
      ]),
    ),
    csv(
      'clocks.csv',
      [
        'ticket',
        'customer',
        'commitment',
        'state',
        'target_ms',
        'due_at',
        'stopped_at',
        'breached_at',
        'elapsed_ms',
      ],
      clocks.map((c) => [
        c.ticket,
        c.customer,
        c.commitment,
        c.state,
        c.targetMs,
        c.dueAt,
        c.stoppedAt,
        c.breachedAt,
        c.elapsedMs,
      ]),
    ),
    csv(
      'ticket-events.csv',
      ['ticket', 'type', 'at'],
      tickets.flatMap((t) => t.events.map((e) => [t.id, e.type, e.at])),
    ),
    json('signals.json', f.signals.length, f.signals),
    csv(
      'signals.csv',
      ['id', 'type', 'at', 'subject_type', 'subject_id', 'commitment', 'customer', 'data'],
      f.signals.map((s) => [
        s.id,
        s.type,
        s.at,
        s.subject.type,
        s.subject.id,
        s.commitment,
        s.customer,
        s.data,
      ]),
    ),
    json('improvements.json', f.improvements.length, f.improvements),
    csv(
      'improvements.csv',
      ['id', 'month', 'title', 'owner', 'due_date', 'status', 'links', 'reviews'],
      f.improvements.map((i) => [
        i.id,
        i.month,
        i.title,
        i.owner,
        i.dueDate,
        i.status,
        i.links,
        i.reviews,
      ]),
    ),
    ...(f.availability
      ? [json('availability.json', f.availability.services.length, f.availability)]
      : []),
    ...(f.credits ? creditFiles(f.credits) : []),
    ...(f.lateEntries
      ? [json('late-entries.json', f.lateEntries.items.length, f.lateEntries)]
      : []),
    json('assessments.json', f.assessments.length, f.assessments),
  ];
}

function creditFiles(credits: NonNullable<ReportFacts['credits']>): PackFile[] {
  const lines = credits.customers.flatMap((c) =>
    c.lines.map((l) => ({ customer: c.customer, currency: c.currency, ...l })),
  );
  return [
    json('credits.json', lines.length, credits),
    csv(
      'credits.csv',
      [
        'month',
        'customer',
        'currency',
        'commitment',
        'consequence',
        'ticket',
        'incident',
        'due_at',
        'breached_at',
        'stopped_at',
        'uptime_percent',
        'percent_of_monthly_fee',
        'amount',
        'capped',
      ],
      lines.map((l) => [
        l.month,
        l.customer,
        l.currency,
        l.commitment,
        l.consequence,
        l.ticket,
        l.incident,
        l.dueAt,
        l.breachedAt,
        l.stoppedAt,
        l.uptimePercent,
        l.percentOfMonthlyFee,
        l.amount,
        l.capped,
      ]),
    ),
  ];
}
