import type { Language } from '../../domain/localized.js';
import { toIso } from '../../domain/time.js';
import type { MessageContext } from '../../consequences/templates/render.js';
import type { SignalEvent } from '../../consequences/event.js';
import type { Policy } from '../../policy/policy.js';
import type { Store, StoredAlert } from '../store/index.js';

/** What messages about a signal say, gathered once when its alert opens (language-neutral). */
export interface AlertFacts {
  readonly event: MessageContext['event'];
  readonly commitment: {
    readonly id: string;
    readonly name: Readonly<Record<Language, string>>;
  } | null;
  readonly customer: { readonly id: string; readonly name: string } | null;
  readonly ticket: {
    readonly id: number;
    readonly subject: string;
    readonly kind: string;
    readonly priority: string;
    readonly status: string;
  } | null;
}

export async function gatherFacts(
  store: Store,
  policy: Policy,
  s: SignalEvent,
): Promise<AlertFacts> {
  const c =
    s.commitment === null ? undefined : policy.commitments.find((x) => x.id === s.commitment);
  const rule =
    s.commitment === null ? undefined : policy.metrics.rules.find((r) => r.id === s.commitment);
  const customer = s.customer === null ? undefined : await store.customers.get(s.customer);
  const ticket =
    s.subjectType === 'ticket' && /^\d+$/.test(s.subjectId)
      ? await store.tickets.get(Number(s.subjectId))
      : undefined;
  return {
    event: {
      type: s.type,
      at: toIso(s.at),
      subject: { type: s.subjectType, id: s.subjectId },
      data: s.data,
    },
    commitment:
      s.commitment === null
        ? null
        : {
            id: s.commitment,
            name: c?.name ?? rule?.name ?? { en: s.commitment, zh: s.commitment },
          },
    customer: s.customer === null ? null : { id: s.customer, name: customer?.name ?? s.customer },
    ticket: ticket
      ? {
          id: ticket.id,
          subject: ticket.subject,
          kind: ticket.currentKind,
          priority: ticket.currentPriority,
          status: ticket.status,
        }
      : null,
  };
}

export interface PageFacts {
  readonly facts: AlertFacts;
  readonly alert: Readonly<Record<string, unknown>> | null;
  readonly recipient: { readonly name: string } | null;
  readonly [extra: string]: unknown;
}

/** The context one message is rendered from, in one language. */
export function messageContext(
  kind: MessageContext['kind'],
  page: PageFacts,
  language: Language,
): MessageContext {
  const { facts, alert, recipient, ...extra } = page;
  return {
    ...extra,
    kind,
    alert,
    event: facts.event,
    commitment: facts.commitment && {
      id: facts.commitment.id,
      name: facts.commitment.name[language],
    },
    customer: facts.customer,
    ticket: facts.ticket,
    recipient,
  };
}

export function alertSummary(
  a: Pick<StoredAlert, 'id' | 'severity' | 'expedite' | 'openedAt' | 'summary' | 'resolution'>,
  step?: { levelName: string; repeat: number },
): Record<string, unknown> {
  return {
    id: a.id,
    severity: a.severity,
    expedite: a.expedite,
    openedAt: toIso(a.openedAt),
    summary: a.summary,
    resolution: a.resolution ?? null,
    levelName: step?.levelName ?? null,
    repeat: step?.repeat ?? 0,
  };
}
