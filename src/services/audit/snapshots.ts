import type { AuditObjectType } from '../../domain/audit.js';
import type { Recorder, TicketRecord } from '../../domain/ticket.js';
import type { Store, StoredTicket } from '../store/index.js';

/**
 * The state of an audited object as the audit log digests it: what was recorded, never what
 * Surety derives from it (a ticket's status and clocks are recomputed from its events, so
 * they are not part of the record). Undefined fields drop out of the canonical JSON, so a
 * value read back from either database digests the same. Null: the object does not exist.
 */
export async function snapshotOf(
  store: Store,
  type: AuditObjectType,
  id: string,
): Promise<unknown> {
  switch (type) {
    case 'ticket':
      return ticketState(await store.tickets.get(Number(id)));
    case 'correction':
      return (await store.corrections.get(Number(id))) ?? null;
    case 'customer':
      return (await store.customers.get(id)) ?? null;
    case 'token': {
      const t = (await store.tokens.list()).find((x) => x.id === id);
      if (!t) return null;
      // The hash stands for the secret: a swapped secret is a changed token.
      return t;
    }
    case 'monitor':
      return (await store.monitors.get(id)) ?? null;
    case 'maintenance':
      return (await store.maintenance.get(Number(id))) ?? null;
    case 'incident':
      return (await store.incidents.get(Number(id))) ?? null;
    case 'improvement':
      return (await store.improvements.get(Number(id))) ?? null;
    case 'credit_line': {
      const [month, customer, ...key] = id.split('/');
      const lines = await store.credits.lines(month!, customer!);
      const line = lines.find((l) => l.key === key.join('/'));
      if (!line) return null;
      // When it was last recomputed is bookkeeping; what it says is the record.
      const { updatedAt, ...rest } = line;
      void updatedAt;
      return rest;
    }
    case 'audit_key':
      return (await store.audit.keys()).find((k) => k.keyId === id) ?? null;
    case 'assessment':
      return (await store.assessments.get(Number(id))) ?? null;
    case 'policy_version':
      return (await store.policyVersions.byHash(id)) ?? null;
    case 'month': {
      const events = await store.months.events([id]);
      return events.length === 0 ? null : events;
    }
  }
}

/** The id a credit line is audited under. */
export function creditLineId(line: { month: string; customer: string; key: string }): string {
  return `${line.month}/${line.customer}/${line.key}`;
}

/**
 * A ticket's recorded state, every field spelled out (absent as null), so the state a writer
 * has in hand digests exactly as the one read back from either database.
 */
export function ticketState(t: TicketRecord | undefined): unknown {
  if (!t) return null;
  return {
    id: t.id,
    customer: t.customer,
    kind: t.kind,
    priority: t.priority,
    channel: t.channel,
    subject: t.subject,
    body: t.body,
    externalId: t.externalId ?? null,
    createdAt: t.createdAt,
    recordedAt: t.recordedAt ?? null,
    recordedBy: recorder(t.recordedBy),
    events: t.events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at,
      recordedAt: e.recordedAt,
      recordedBy: recorder(e.recordedBy),
      late: e.late === true,
      actor: e.actor ?? null,
      note: e.note ?? null,
      rating: e.rating ?? null,
      kind: e.kind ?? null,
      priority: e.priority ?? null,
    })),
  };
}

function recorder(r: Recorder | undefined) {
  return r ? { id: r.id, name: r.name ?? null } : null;
}

/** Many objects' states at once: tickets in pages (an import writes thousands together). */
export async function snapshotsOf(
  store: Store,
  type: AuditObjectType,
  ids: readonly string[],
): Promise<unknown[]> {
  if (type !== 'ticket' || ids.length < 2) {
    const out: unknown[] = [];
    for (const id of ids) out.push(await snapshotOf(store, type, id));
    return out;
  }
  const byId = new Map<number, StoredTicket>();
  for (let i = 0; i < ids.length; i += 1000)
    for (const t of await store.tickets.getMany(ids.slice(i, i + 1000).map(Number)))
      byId.set(t.id, t);
  return ids.map((id) => ticketState(byId.get(Number(id))));
}
