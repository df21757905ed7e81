import type { ServiceContext } from '../context.js';
import type { StoredNotification } from '../store/index.js';
import { DeliveryLog, DeliveryOutcome } from './delivery-types.js';

export async function fallOver(
  ctx: ServiceContext,
  n: StoredNotification,
  owner: string,
  log: DeliveryLog,
  reason: string,
  at: number,
): Promise<DeliveryOutcome> {
  const { store } = ctx;
  const next = n.channels[n.channelIndex + 1];
  const now = ctx.time.now();
  const report = async (type: string, message: string) => {
    if (n.alertId !== null)
      await store.alerts.log({
        alertId: n.alertId,
        at: now,
        kind: type === 'notification.failed_over' ? 'failed_over' : 'undeliverable',
        message,
        data: { notification: n.id },
      });
    await store.signals.append([
      {
        at,
        recordedAt: now,
        type,
        subjectType: 'notification',
        subjectId: String(n.id),
        commitment: null,
        customer: null,
        data: { alert: n.alertId, recipient: n.recipientName, channels: n.channels, reason },
        dedupeKey: `notification:${n.id}:${type}:${n.channelIndex}`,
      },
    ]);
  };
  if (next !== undefined) {
    const message = `notification ${n.id}${n.recipientName ? ` for ${n.recipientName}` : ''}: ${reason}; falling over to ${next}`;
    log.warn({ notification: n.id, from: n.channels[n.channelIndex], to: next }, message);
    await report('notification.failed_over', message);
    const ok = await store.notifications.update(
      n.id,
      {
        status: 'pending',
        channelIndex: n.channelIndex + 1,
        attempts: 0,
        totalAttempts: n.totalAttempts,
        nextAttemptAt: now,
        leaseUntil: null,
        lastError: reason,
        notes: [...n.notes, reason],
      },
      owner,
    );
    return ok ? 'failed_over' : 'lost_lease';
  }
  const message = `notification ${n.id}${n.recipientName ? ` for ${n.recipientName}` : ''} could not be delivered through any of its channels (${n.channels.join(', ') || 'none'}); last: ${reason}. It is kept as failed; retry it with POST /api/v1/notifications/${n.id}/retry`;
  log.error({ notification: n.id, channels: n.channels }, message);
  await report('notification.undeliverable', message);
  const ok = await store.notifications.update(
    n.id,
    {
      status: 'failed',
      totalAttempts: n.totalAttempts,
      leaseUntil: null,
      lastError: reason,
      notes: [...n.notes, reason],
    },
    owner,
  );
  return ok ? 'failed' : 'lost_lease';
}
