import type { TicketId } from '../../domain/ticket.js';
import { clockAttainment } from '../../evaluate/compliance/clock-attainment.js';
import type { Outcome } from '../../evaluate/compliance/result.js';
import {
  adoptionRate,
  complaintRate,
  resolutionRate,
  satisfaction,
} from '../../evaluate/compliance/ticket-rates.js';
import { selects } from '../../policy/effective-target.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import type { AggregateCommitment, Commitment } from '../../policy/policy.js';
import type { TargetValue, Threshold } from '../../domain/target.js';
import type { Store, TicketEventRow } from '../store/index.js';
import { type Window } from './window.js';

export interface Facts {
  readonly clocks: Awaited<ReturnType<Store['clocks']['settledBetween']>>;
  readonly events: readonly TicketEventRow[];
  readonly created: Awaited<ReturnType<Store['tickets']['countCreated']>>;
  readonly everResolved: ReadonlySet<TicketId>;
  readonly complaints: ReadonlyArray<{ ticketId: TicketId; customer: string }>;
}

export async function gatherFacts(
  store: Store,
  w: Window,
  customer: string | undefined,
): Promise<Facts> {
  const [clocks, events, created, complaints] = await Promise.all([
    store.clocks.settledBetween(w.from, w.to, customer),
    store.tickets.eventsBetween(
      ['rated', 'resolved', 'closed', 'adopted', 'rejected'],
      w.from,
      w.to,
      customer,
    ),
    store.tickets.countCreated(w.from, w.to, customer),
    store.tickets.idsCreated(w.from, w.to, ['complaint'], customer, 1000),
  ]);
  // A ticket closed in the window counts as unresolved only if it was never resolved before.
  const closedOnly = [...new Set(events.filter((e) => e.type === 'closed').map((e) => e.ticketId))];
  const everResolved: ReadonlySet<TicketId> = await store.tickets.idsWithEvent(
    closedOnly,
    'resolved',
  );
  return { clocks, events, created, everResolved, complaints };
}

export function evaluate(
  c: Commitment,
  f: Facts,
  customerTarget: TargetValue | undefined,
): Outcome {
  if (c.type === 'ticket-clock' || c.type === 'incident-clock') {
    return clockAttainment(
      f.clocks.filter((r) => r.commitment === c.id),
      c.attainment,
    );
  }
  const target = (customerTarget as Threshold | undefined) ?? c.target;
  const covered = (e: { kind: string; channel: string; customer: string; priority?: string }) =>
    selects(c.appliesTo, {
      kind: e.kind,
      priority: e.priority,
      channel: e.channel,
      customer: e.customer,
    });
  const events = f.events.filter(covered);
  const ref = (e: TicketEventRow) => ({ ticketId: e.ticketId, customer: e.customer });
  switch (c.measure) {
    case 'satisfaction':
      return satisfaction(
        events.filter((e) => e.type === 'rated').map((e) => ({ ...ref(e), rating: e.rating! })),
        target,
      );
    case 'resolution_rate':
      return resolutionRate(
        events
          .filter(
            (e) =>
              e.type === 'resolved' || (e.type === 'closed' && !f.everResolved.has(e.ticketId)),
          )
          .map((e) => ({ ...ref(e), resolved: e.type === 'resolved' })),
        target,
      );
    case 'complaint_rate': {
      const created = f.created.filter((r) =>
        selects({ ...c.appliesTo, kinds: undefined }, { channel: r.channel, customer: r.customer }),
      );
      const total = created.reduce((s, r) => s + r.count, 0);
      const complaints = created
        .filter((r) => r.kind === 'complaint')
        .reduce((s, r) => s + r.count, 0);
      return complaintRate(
        total,
        f.complaints.filter((t) =>
          selects({ ...c.appliesTo, kinds: undefined }, { customer: t.customer }),
        ),
        complaints,
        target,
      );
    }
    case 'adoption_rate':
      return adoptionRate(
        events
          .filter((e) => e.type === 'adopted' || e.type === 'rejected')
          .map((e) => ({ ...ref(e), adopted: e.type === 'adopted' })),
        target,
      );
    default:
      return {
        value: null,
        unit: AGGREGATE_MEASURES[(c as AggregateCommitment).measure].unit,
        met: null,
        breaches: 0,
        sample: 0,
        evidence: [],
      };
  }
}
