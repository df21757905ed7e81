import { toIso } from '../../domain/time.js';
import type {
  AlertLogEntry,
  DeliveryAttempt,
  StoredAlert,
  StoredNotification,
} from '../store/index.js';

const iso = (t: number | null) => (t === null ? null : toIso(t));

export function alertView(a: StoredAlert) {
  return {
    id: a.id,
    status: a.status,
    severity: a.severity,
    type: a.type,
    summary: a.summary,
    subject: { type: a.subjectType, id: a.subjectId },
    commitment: a.commitment,
    customer: a.customer,
    service: a.service,
    expedite: a.expedite,
    route: a.route,
    escalation: a.escalation,
    level: a.level,
    steps: a.steps,
    signal: a.signalId,
    signalCount: a.signalCount,
    openedAt: toIso(a.openedAt),
    nextEscalationAt: a.status === 'triggered' ? iso(a.nextAt) : null,
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    resolvedAt: iso(a.resolvedAt),
    resolution: a.resolution,
  };
}

export function alertLogView(e: AlertLogEntry) {
  return { at: toIso(e.at), kind: e.kind, message: e.message };
}

export function notificationView(n: StoredNotification, attempts: readonly DeliveryAttempt[] = []) {
  return {
    id: n.id,
    alert: n.alertId,
    kind: n.kind,
    status: n.status,
    template: n.template,
    severity: n.severity,
    recipient: n.recipient,
    recipientName: n.recipientName,
    channels: n.channels,
    channel: n.channels[Math.min(n.channelIndex, n.channels.length - 1)] ?? null,
    attempts: n.totalAttempts,
    createdAt: toIso(n.createdAt),
    notBefore: toIso(n.notBefore),
    nextAttemptAt: n.status === 'pending' ? toIso(n.nextAttemptAt) : null,
    deliveredAt: iso(n.deliveredAt),
    deliveredVia: n.deliveredVia,
    lastError: n.lastError,
    fallOvers: n.notes,
    log: attempts
      .filter((a) => a.notificationId === n.id)
      .map((a) => ({
        attempt: a.attempt,
        channel: a.channel,
        at: toIso(a.at),
        durationMs: a.durationMs,
        outcome: a.outcome,
        detail: a.detail,
      })),
  };
}
