import { dueSteps } from '../../consequences/escalation/timeline.js';
import { pagesFor } from '../../consequences/escalation/recipients.js';
import type { ServiceContext } from '../context.js';
import type { NewNotification } from '../store/index.js';
import { alertSummary } from './facts.js';

/**
 * Takes every escalation step that has come due: pages the step's people and channels
 * (through the outbox) and moves the alert on. Each step is taken once, even by two
 * instances at once (the alert's step count is compared and set).
 */
export async function escalateDue({
  ctx,
  limit = 100,
}: {
  ctx: ServiceContext;
  limit?: number;
}): Promise<{ paged: number }> {
  const now = ctx.time.now();
  const n = ctx.policy.notifications;
  let paged = 0;
  for (const due of await ctx.store.alerts.due(now, limit)) {
    paged += await ctx.store.transaction(async (tx) => {
      const alert = await tx.alerts.get(due.id, { lock: true });
      if (!alert || alert.status !== 'triggered') return 0;
      const escalation = n.escalations.get(alert.escalation);
      if (!escalation) {
        await tx.alerts.update(alert.id, { nextAt: null, updatedAt: now });
        await tx.alerts.log({
          alertId: alert.id,
          at: now,
          kind: 'stalled',
          message: `the escalation policy "${alert.escalation}" is no longer in the policy; nobody more is paged`,
        });
        return 0;
      }
      const { due: steps, nextAt } = dueSteps(
        escalation,
        alert.startLevel,
        alert.openedAt,
        alert.steps,
        now,
      );
      const rows: NewNotification[] = [];
      for (const step of steps) {
        const pages = pagesFor(step.targets, n, alert.channels, now, alert.severity);
        for (const p of pages) {
          const person = p.person ? n.people.get(p.person) : undefined;
          rows.push({
            dedupeKey: `alert:${alert.id}:step:${step.index}:${p.key}`,
            alertId: alert.id,
            kind: 'page',
            recipient: p.person ?? null,
            recipientName: person?.name ?? null,
            channels: p.channels,
            language: person?.language ?? null,
            template: alert.type,
            context: {
              facts: alert.data.facts,
              alert: alertSummary(alert, step),
              recipient: person ? { name: person.name } : null,
            },
            severity: alert.severity,
            notBefore: p.notBefore,
            createdAt: now,
          });
        }
        const who = pages
          .map(
            (p) => `${p.person ? (n.people.get(p.person)?.name ?? p.person) : p.key} (${p.reason})`,
          )
          .join(', ');
        await tx.alerts.log({
          alertId: alert.id,
          at: now,
          kind: 'paged',
          message: `level ${step.levelName}${step.repeat > 0 ? `, repeat ${step.repeat}` : ''}: ${who || 'nobody (no one on this level can be reached)'}`,
          data: { step: step.index, level: step.level, repeat: step.repeat },
        });
      }
      const moved = await tx.alerts.update(
        alert.id,
        {
          steps: alert.steps + steps.length,
          level: steps.length > 0 ? steps[steps.length - 1]!.level : alert.level,
          nextAt,
          updatedAt: now,
        },
        { steps: alert.steps, statuses: ['triggered'] },
      );
      if (!moved) return 0;
      await tx.notifications.enqueue(rows);
      return rows.length;
    });
  }
  return { paged };
}
