import type { Kysely, Selectable } from 'kysely';
import type {
  DeliveryAttempt,
  NotificationPatch,
  NotificationRepository,
  NotificationStatus,
  StoredNotification,
} from '../../services/store/index.js';
import type { Severity } from '../../policy/notifications.js';
import { chunks } from './rows.js';
import type { NotificationsTable } from '../consequence-tables.js';
import type { Database } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';

function fromRow(r: Selectable<NotificationsTable>): StoredNotification {
  return {
    id: Number(r.id),
    dedupeKey: r.dedupe_key,
    alertId: r.alert_id === null ? null : Number(r.alert_id),
    kind: r.kind as StoredNotification['kind'],
    recipient: r.recipient,
    recipientName: r.recipient_name,
    channels: JSON.parse(r.channels) as string[],
    language: r.language,
    template: r.template,
    context: JSON.parse(r.context) as Record<string, unknown>,
    severity: r.severity as Severity,
    status: r.status as NotificationStatus,
    channelIndex: r.channel_index,
    attempts: r.attempts,
    totalAttempts: r.total_attempts,
    notBefore: r.not_before,
    nextAttemptAt: r.next_attempt_at,
    leaseUntil: r.lease_until,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    deliveredVia: r.delivered_via,
    lastError: r.last_error,
    notes: JSON.parse(r.notes) as string[],
  };
}

const COLUMNS: Record<keyof NotificationPatch, keyof NotificationsTable> = {
  status: 'status',
  channelIndex: 'channel_index',
  attempts: 'attempts',
  totalAttempts: 'total_attempts',
  nextAttemptAt: 'next_attempt_at',
  leaseUntil: 'lease_until',
  deliveredAt: 'delivered_at',
  deliveredVia: 'delivered_via',
  lastError: 'last_error',
  notes: 'notes',
};

export function notificationRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): NotificationRepository {
  return {
    async enqueue(rows) {
      let added = 0;
      for (const chunk of chunks(rows, Math.floor(caps.maxParameters / 20))) {
        const inserted = await db
          .insertInto('notifications')
          .values(
            chunk.map((n) => ({
              dedupe_key: n.dedupeKey,
              alert_id: n.alertId,
              kind: n.kind,
              recipient: n.recipient,
              recipient_name: n.recipientName,
              channels: JSON.stringify(n.channels),
              language: n.language,
              template: n.template,
              context: JSON.stringify(n.context),
              severity: n.severity,
              status: 'pending',
              channel_index: 0,
              attempts: 0,
              total_attempts: 0,
              not_before: n.notBefore,
              next_attempt_at: n.notBefore,
              created_at: n.createdAt,
              notes: '[]',
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .execute();
        added += inserted.length;
      }
      return added;
    },
    async claimDue(now, limit, leaseUntil, owner) {
      const candidates = await db
        .selectFrom('notifications')
        .select(['id', 'status', 'lease_until'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      const claimed: StoredNotification[] = [];
      for (const c of candidates) {
        // A conditional update is the lock: of two instances claiming one row, one wins.
        let q = db
          .updateTable('notifications')
          .set({ status: 'sending', lease_until: leaseUntil, lease_owner: owner })
          .where('id', '=', c.id)
          .where('status', '=', c.status);
        q =
          c.lease_until === null
            ? q.where('lease_until', 'is', null)
            : q.where('lease_until', '=', c.lease_until);
        const r = await q.executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) continue;
        const row = await db
          .selectFrom('notifications')
          .selectAll()
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow();
        // Reported as it was found: "sending" means the last holder stopped mid-attempt.
        claimed.push({ ...fromRow(row), status: c.status as NotificationStatus });
      }
      return claimed;
    },
    async get(id) {
      const r = await db
        .selectFrom('notifications')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async update(id, patch, owner) {
      const set: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) continue;
        set[COLUMNS[k as keyof NotificationPatch]] = k === 'notes' ? JSON.stringify(v) : v;
      }
      if (patch.status !== undefined && patch.status !== 'sending') set.lease_owner = null;
      let q = db.updateTable('notifications').set(set).where('id', '=', id);
      if (owner !== undefined)
        q = q.where('lease_owner', '=', owner).where('status', '=', 'sending');
      return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
    },
    async cancelPending(alertId, reason) {
      const r = await db
        .updateTable('notifications')
        .set({ status: 'cancelled', last_error: reason, lease_owner: null })
        .where('alert_id', '=', alertId)
        .where('kind', '=', 'page')
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async recordAttempt(a) {
      await db
        .insertInto('notification_attempts')
        .values({
          notification_id: a.notificationId,
          attempt: a.attempt,
          channel: a.channel,
          at: a.at,
          duration_ms: Math.round(a.durationMs),
          outcome: a.outcome,
          detail: a.detail,
        })
        .execute();
    },
    async attemptsOf(ids) {
      const out: DeliveryAttempt[] = [];
      for (const chunk of chunks([...ids], 5_000)) {
        if (chunk.length === 0) continue;
        const rows = await db
          .selectFrom('notification_attempts')
          .selectAll()
          .where('notification_id', 'in', chunk)
          .orderBy('notification_id')
          .orderBy('id')
          .execute();
        out.push(
          ...rows.map((r) => ({
            notificationId: Number(r.notification_id),
            attempt: r.attempt,
            channel: r.channel,
            at: r.at,
            durationMs: r.duration_ms,
            outcome: r.outcome as DeliveryAttempt['outcome'],
            detail: r.detail,
          })),
        );
      }
      return out;
    },
    async list(query) {
      let q = db.selectFrom('notifications');
      if (query.alertId !== undefined) q = q.where('alert_id', '=', query.alertId);
      if (query.statuses && query.statuses.length > 0)
        q = q.where('status', 'in', [...query.statuses]);
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return { notifications: rows.map(fromRow), total: Number(total.n) };
    },
    async deliveredFor(alertId) {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('alert_id', '=', alertId)
        .where('kind', '=', 'page')
        .where('status', '=', 'delivered')
        .orderBy('id')
        .execute();
      return rows.map(fromRow);
    },
  };
}
