import type { Instant } from '../../domain/time.js';
import type { AlertStatus, NewNotification, Store, StoredAlert } from '../store/index.js';
import { alertSummary } from './facts.js';

/**
 * Ends an alert: no further pages, undelivered ones cancelled, and (unless it was only
 * superseded) a resolution notice to everyone it reached. Call inside a transaction.
 */
export async function resolveAlert(
  tx: Store,
  alert: StoredAlert,
  now: Instant,
  resolution: string,
  options: { notify: boolean; kind?: string },
): Promise<boolean> {
  const open: AlertStatus[] = ['triggered', 'acknowledged'];
  const done = await tx.alerts.update(
    alert.id,
    { status: 'resolved', resolvedAt: now, resolution, nextAt: null, updatedAt: now },
    { statuses: open },
  );
  if (!done) return false;
  const cancelled = await tx.notifications.cancelPending(alert.id, `alert resolved: ${resolution}`);
  await tx.alerts.log({
    alertId: alert.id,
    at: now,
    kind: options.kind ?? 'resolved',
    message: `resolved: ${resolution}${cancelled > 0 ? ` (${cancelled} undelivered page${cancelled === 1 ? '' : 's'} cancelled)` : ''}`,
  });
  if (!options.notify) return true;
  const reached = await tx.notifications.deliveredFor(alert.id);
  const seen = new Set<string>();
  const notices: NewNotification[] = [];
  for (const n of reached) {
    const who = n.recipient ?? `channel:${n.channels[0]}`;
    if (seen.has(who)) continue;
    seen.add(who);
    notices.push({
      dedupeKey: `alert:${alert.id}:resolved:${who}`,
      alertId: alert.id,
      kind: 'resolved',
      recipient: n.recipient,
      recipientName: n.recipientName,
      channels: n.channels,
      language: n.language,
      template: 'alert.resolved',
      context: { ...n.context, alert: alertSummary({ ...alert, resolution }) },
      severity: 'info',
      notBefore: now,
      createdAt: now,
    });
  }
  if (notices.length > 0) await tx.notifications.enqueue(notices);
  return true;
}
