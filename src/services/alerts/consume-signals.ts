import { causeKey, consequencesNamed, isRecovery, serviceOf } from '../../consequences/event.js';
import { startLevel, escalationSteps } from '../../consequences/escalation/timeline.js';
import { renderMessage } from '../../consequences/templates/render.js';
import { matchRoute, SEVERITY_RANK, severityOf } from '../../consequences/routing.js';
import { toIso } from '../../domain/time.js';
import type { Consequence } from '../../policy/policy.js';
import { monthOf } from '../compliance/window.js';
import type { ServiceContext } from '../context.js';
import type { Signal, Store, StoredAlert } from '../store/index.js';
import { resolveAlert } from './close.js';
import { alertSummary, gatherFacts, messageContext } from './facts.js';

export const ALERTS_CURSOR = 'consequences';

export interface ConsumeResult {
  readonly read: number;
  readonly opened: readonly StoredAlert[];
  /** Customer months whose credits a signal may have changed ("*" for every customer). */
  readonly creditMonths: ReadonlyArray<{ readonly customer: string | '*'; readonly month: string }>;
}

class CursorMoved extends Error {}

/**
 * Reads the signal stream after its persisted cursor and acts on each signal: routes it to
 * an alert (or folds it into the open one), resolves alerts on recoveries, sends `notify`
 * consequences, and notes which credit months changed. The cursor moves in the same
 * transaction as everything a batch produced, so a restart neither repeats nor skips one;
 * two instances racing for a batch leave it to whichever moved the cursor first.
 */
export async function consumeSignals({
  ctx,
  batch = 200,
}: {
  ctx: ServiceContext;
  batch?: number;
}): Promise<ConsumeResult> {
  let read = 0;
  const opened: StoredAlert[] = [];
  const months = new Map<string, { customer: string; month: string }>();
  for (;;) {
    const from = await ctx.store.cursors.get(ALERTS_CURSOR);
    const signals = await ctx.store.signals.after(from, batch);
    if (signals.length === 0) break;
    try {
      const out = await ctx.store.transaction(async (tx) => {
        const produced: StoredAlert[] = [];
        for (const s of signals) {
          const r = await handle(tx, ctx, s);
          if (r.alert) produced.push(r.alert);
          for (const m of r.months) months.set(`${m.customer}|${m.month}`, m);
        }
        if (!(await tx.cursors.advance(ALERTS_CURSOR, from, signals[signals.length - 1]!.id)))
          throw new CursorMoved();
        return produced;
      });
      opened.push(...out);
      read += signals.length;
    } catch (err) {
      if (err instanceof CursorMoved) continue;
      throw err;
    }
    if (signals.length < batch) break;
  }
  return { read, opened, creditMonths: [...months.values()] };
}

async function handle(
  tx: Store,
  ctx: ServiceContext,
  s: Signal,
): Promise<{ alert?: StoredAlert; months: Array<{ customer: string; month: string }> }> {
  const { policy } = ctx;
  const now = ctx.time.now();
  // Reports about notifications themselves are never routed: a failing channel must not page about itself forever.
  if (s.subjectType === 'notification') return { months: [] };
  const named = consequencesNamed(s, (id) => policy.commitments.find((c) => c.id === id)?.onBreach);
  const consequences = named
    .map((n) => policy.consequences.get(n))
    .filter((c): c is Consequence => c !== undefined);
  const months = consequences.some((c) => c.type === 'credit')
    ? [{ customer: s.customer ?? '*', month: monthOf(s.at, policy.timezone) }]
    : [];

  for (const c of consequences) {
    if (c.rule?.type !== 'notify') continue;
    const facts = await gatherFacts(tx, policy, s);
    await tx.notifications.enqueue([
      {
        dedupeKey: `signal:${s.id}:notify:${c.name}`,
        alertId: null,
        kind: 'notice',
        recipient: null,
        recipientName: null,
        channels: c.rule.channels.filter((ch) => policy.notifications.channels.has(ch)),
        language: null,
        template: s.type,
        context: { facts, alert: null, recipient: null },
        severity: severityOf(s),
        notBefore: now,
        createdAt: now,
      },
    ]);
  }

  const cause = causeKey(s);
  if (isRecovery(s.type)) {
    // A monitor is probed from several locations and its alert is one: a location coming back
    // ends it only when no other location still sees the monitor down.
    if (
      s.subjectType === 'monitor' &&
      (await tx.monitorStates.list([s.subjectId])).some((st) => st.status === 'down')
    )
      return { months };
    for (const a of await tx.alerts.findOpenByCause(cause))
      await resolveAlert(tx, a, now, `${s.type} at ${toIso(s.at)}`, { notify: true });
    return { months };
  }
  const customer = s.customer === null ? undefined : await tx.customers.get(s.customer);
  const matched = matchRoute(policy.notifications.routes, s, { plan: customer?.plan });
  if (!matched) return { months };
  if (now - s.at > policy.notifications.maxAgeMs) return { months }; // history (an import): recorded, credited, not paged

  const key = `${cause}|${s.type}`;
  const existing = await tx.alerts.findOpenByKey(key);
  if (existing) {
    await tx.alerts.update(existing.id, {
      signalCount: existing.signalCount + 1,
      lastSignalAt: now,
      updatedAt: now,
    });
    await tx.alerts.log({
      alertId: existing.id,
      at: now,
      kind: 'repeated',
      message: `${s.type} again (signal ${s.id})`,
      data: { signal: s.id },
    });
    return { months };
  }

  let escalationName = matched.route.escalation;
  let start: string | undefined;
  let expedite = false;
  for (const c of consequences) {
    if (c.rule?.type === 'escalate') {
      escalationName = c.rule.escalation ?? escalationName;
      start = c.rule.startAt ?? start;
    }
  }
  const escalation = policy.notifications.escalations.get(escalationName);
  if (!escalation) return { months };
  let startAt = startLevel(escalation, start);
  for (const c of consequences) {
    if (c.rule?.type === 'expedite') {
      // The expedite channel: escalation starts at management (the named level, else the top).
      expedite = true;
      startAt = Math.max(
        startAt,
        startLevel(
          escalation,
          c.rule.escalateTo ?? escalation.levels[escalation.levels.length - 1]!.name,
        ),
      );
    }
  }
  const facts = await gatherFacts(tx, policy, s);
  const draft = {
    id: 0,
    severity: matched.severity,
    expedite,
    openedAt: now,
    summary: '',
    resolution: null,
  };
  const title = renderMessage(
    policy.notifications.templates,
    s.type,
    policy.notifications.language,
    messageContext(
      'page',
      { facts, alert: alertSummary(draft), recipient: null },
      policy.notifications.language,
    ),
    policy.timezone,
  ).title;
  const alert = await tx.alerts.insert({
    key,
    cause,
    signalId: s.id,
    type: s.type,
    severity: matched.severity,
    subjectType: s.subjectType,
    subjectId: s.subjectId,
    commitment: s.commitment,
    customer: s.customer,
    service: serviceOf(s) ?? null,
    route: matched.route.name,
    escalation: escalation.name,
    channels: matched.route.channels,
    startLevel: startAt,
    expedite,
    summary: title,
    openedAt: now,
    nextAt: escalationSteps(escalation, startAt, now)[0]!.at,
    data: { facts },
  });
  await tx.alerts.log({
    alertId: alert.id,
    at: now,
    kind: 'opened',
    message: `opened by ${s.type} (signal ${s.id}) through route ${matched.route.name}; escalation ${escalation.name} from level ${escalation.levels[startAt]!.name}${expedite ? ' (expedited)' : ''}`,
    data: { signal: s.id },
  });
  // A breach supersedes the warning about the same thing: one alert to act on, not two.
  for (const other of await tx.alerts.findOpenByCause(cause)) {
    if (other.id !== alert.id && SEVERITY_RANK[other.severity] < SEVERITY_RANK[alert.severity]) {
      await resolveAlert(tx, other, now, `superseded by alert ${alert.id} (${s.type})`, {
        notify: false,
        kind: 'superseded',
      });
    }
  }
  return { alert, months };
}
