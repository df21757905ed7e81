import type { AuditHead } from '../../domain/audit.js';
import { toIso } from '../../domain/time.js';
import { evaluateTicketClocks } from '../../evaluate/clocks/ticket-clocks.js';
import type { EvidenceFile } from '../../reports/models/quarterly.js';
import type { Period } from '../../reports/period.js';
import { auditEntryView } from '../audit/list.js';
import { ticketState } from '../audit/snapshots.js';
import type { ServiceContext } from '../context.js';
import type { StoredTicket } from '../store/index.js';
import { correctionView } from '../tickets/correct-history.js';
import { PackFileWriter } from './evidence-file.js';
import type { EvidenceSink } from './evidence-sink.js';

const PAGE = 1_000;

export interface RecordCounts {
  readonly tickets: number;
  readonly events: number;
  readonly lateEntries: number;
  readonly corrections: number;
  readonly signals: number;
  readonly incidents: number;
  readonly creditLines: number;
  readonly auditEntries: number;
}

/**
 * The complete record of a period, streamed: every ticket created in it with every event
 * (when it happened, when and by whom it was recorded, whether it was late), its clocks, the
 * corrections with before and after, the late entries, signals, incidents, credit lines with
 * their audit, and the audit log from the period's start to `head`. Nothing is cut off: the
 * store is read a page at a time.
 */
export async function writeEvidenceRecord(
  ctx: ServiceContext,
  sink: EvidenceSink,
  period: Period,
  customer: string | undefined,
  head: AuditHead,
  alsoTickets: readonly number[] = [],
): Promise<{ files: EvidenceFile[]; counts: RecordCounts }> {
  const files: EvidenceFile[] = [];
  const ticketsFile = new PackFileWriter(sink, 'tickets.jsonl');
  const eventsCsv = new PackFileWriter(sink, 'ticket-events.csv');
  const clocksCsv = new PackFileWriter(sink, 'clocks.csv');
  const lateCsv = new PackFileWriter(sink, 'late-entries.csv');
  await eventsCsv.csv(
    [
      'ticket',
      'customer',
      'seq',
      'type',
      'at',
      'recorded_at',
      'recorded_by',
      'recorded_by_name',
      'late',
      'actor',
      'rating',
      'note',
    ],
    true,
  );
  await clocksCsv.csv(
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
    true,
  );
  await lateCsv.csv(
    [
      'ticket',
      'customer',
      'seq',
      'type',
      'at',
      'recorded_at',
      'late_by_ms',
      'recorded_by',
      'recorded_by_name',
    ],
    true,
  );
  const customers = new Map((await ctx.store.customers.list()).map((c) => [c.id, c]));
  const now = ctx.time.now();
  let tickets = 0;
  let events = 0;
  let late = 0;
  const writeTicket = async (t: StoredTicket) => {
    const clocks = evaluateTicketClocks(ctx.policy, t, customers.get(t.customer), now);
    await ticketsFile.line({
      record: ticketState(t),
      status: t.status,
      clocks: clocks.map((c) => ({
        commitment: c.commitment,
        state: c.state,
        dueAt: c.dueAt === null ? null : toIso(c.dueAt),
        stoppedAt: c.stoppedAt === null ? null : toIso(c.stoppedAt),
        breachedAt: c.breachedAt === null ? null : toIso(c.breachedAt),
      })),
    });
    tickets++;
    for (const e of t.events) {
      events++;
      await eventsCsv.csv([
        t.id,
        t.customer,
        e.seq,
        e.type,
        toIso(e.at),
        toIso(e.recordedAt),
        e.recordedBy?.id,
        e.recordedBy?.name,
        e.late === true,
        e.actor,
        e.rating,
        e.note,
      ]);
      if (e.late === true) {
        late++;
        await lateCsv.csv([
          t.id,
          t.customer,
          e.seq,
          e.type,
          toIso(e.at),
          toIso(e.recordedAt),
          e.recordedAt - e.at,
          e.recordedBy?.id,
          e.recordedBy?.name,
        ]);
      }
    }
    for (const c of clocks)
      await clocksCsv.csv([
        t.id,
        t.customer,
        c.commitment,
        c.state,
        c.targetMs,
        c.dueAt === null ? null : toIso(c.dueAt),
        c.stoppedAt === null ? null : toIso(c.stoppedAt),
        c.breachedAt === null ? null : toIso(c.breachedAt),
        c.elapsedMs,
      ]);
  };
  const written = new Set<number>();
  for (let after: { createdAt: number; id: number } | undefined; ;) {
    const page = await ctx.store.tickets.idsCreated(
      period.from,
      period.to,
      undefined,
      customer,
      PAGE,
      after,
    );
    if (page.length === 0) break;
    const stored = new Map(
      (await ctx.store.tickets.getMany(page.map((p) => p.ticketId))).map((t) => [t.id, t]),
    );
    for (const p of page) {
      const t = stored.get(p.ticketId);
      if (t) await writeTicket(t);
      written.add(p.ticketId);
    }
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.ticketId };
  }
  // Tickets breached in the period but opened before it: their history is evidence too.
  const earlier = [...new Set(alsoTickets)].filter((id) => !written.has(id)).sort((x, y) => x - y);
  for (let i = 0; i < earlier.length; i += PAGE)
    for (const t of await ctx.store.tickets.getMany(earlier.slice(i, i + PAGE)))
      await writeTicket(t);
  files.push(
    await ticketsFile.close(),
    await eventsCsv.close(),
    await clocksCsv.close(),
    await lateCsv.close(),
  );

  const correctionsFile = new PackFileWriter(sink, 'corrections.jsonl');
  const corrections = await ctx.store.corrections.between(
    period.from,
    period.to,
    customer,
    10_000_000,
  );
  for (const c of corrections) await correctionsFile.line(correctionView(c));
  files.push(await correctionsFile.close());

  const signalsFile = new PackFileWriter(sink, 'signals.jsonl');
  let signals = 0;
  for (let after: { at: number; id: number } | undefined; ;) {
    const page = await ctx.store.signals.between(period.from, period.to, { customer, after }, PAGE);
    for (const s of page)
      await signalsFile.line({
        id: s.id,
        type: s.type,
        at: toIso(s.at),
        recordedAt: toIso(s.recordedAt),
        subject: { type: s.subjectType, id: s.subjectId },
        commitment: s.commitment,
        customer: s.customer,
        data: s.data,
      });
    signals += page.length;
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { at: last.at, id: last.id };
  }
  files.push(await signalsFile.close());

  const incidentsFile = new PackFileWriter(sink, 'incidents.jsonl');
  const incidents = await ctx.store.incidents.overlapping(
    period.from,
    period.to,
    customer ? { customer } : {},
  );
  for (const i of incidents) await incidentsFile.line(i);
  files.push(await incidentsFile.close());

  const linesFile = new PackFileWriter(sink, 'credit-lines.jsonl');
  const creditAudit = new PackFileWriter(sink, 'credit-audit.jsonl');
  let creditLines = 0;
  for (const month of period.months) {
    for (const l of await ctx.store.credits.lines(month, customer)) {
      await linesFile.line(l);
      creditLines++;
    }
    for (const a of await ctx.store.credits.auditOf(month, customer)) await creditAudit.line(a);
  }
  files.push(await linesFile.close(), await creditAudit.close());

  // From the first entry of the period to the head the pack is signed at: a contiguous piece
  // of the chain the verifier can recompute link by link.
  const auditFile = new PackFileWriter(sink, 'audit-log.jsonl');
  const [first] = await ctx.store.audit.list({ from: period.from, limit: 1 });
  let auditEntries = 0;
  if (first && first.seq <= head.seq) {
    for (let after = first.seq - 1; after < head.seq;) {
      const page = await ctx.store.audit.list({ afterSeq: after, limit: 5_000 });
      if (page.length === 0) break;
      for (const e of page) {
        if (e.seq > head.seq) break;
        await auditFile.line(auditEntryView(e));
        auditEntries++;
      }
      after = page[page.length - 1]!.seq;
    }
  }
  files.push(await auditFile.close());
  return {
    files,
    counts: {
      tickets,
      events,
      lateEntries: late,
      corrections: corrections.length,
      signals,
      incidents: incidents.length,
      creditLines,
      auditEntries,
    },
  };
}
