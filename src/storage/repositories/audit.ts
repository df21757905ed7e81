import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, AuditObjectType } from '../../domain/audit.js';
import type { AuditRepository, PendingAuditEntry } from '../../services/store/index.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { AuditLogTable } from '../audit-tables.js';
import type { Database } from '../database.js';

function fromRow(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: Number(r.at),
    actor: r.actor_name === null ? { id: r.actor_id } : { id: r.actor_id, name: r.actor_name },
    action: r.action,
    object: { type: r.object_type as AuditObjectType, id: r.object_id },
    digest: r.digest,
    ...(r.reason === null ? {} : { reason: r.reason }),
    prev: r.prev,
    hash: r.hash,
  };
}

/** The columns an entry has whether it is pending or chained. */
function entryColumns(e: PendingAuditEntry) {
  return {
    at: e.at,
    actor_id: e.actor.id,
    actor_name: e.actor.name ?? null,
    action: e.action,
    object_type: e.object.type,
    object_id: e.object.id,
    digest: e.digest,
    reason: e.reason ?? null,
  };
}

export function auditRepository(db: Kysely<Database>, caps: DialectCapabilities): AuditRepository {
  const headQuery = () => db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  return {
    deferred: caps.supportsRowLocks,
    async addPending(entries) {
      const rows = entries.map(entryColumns);
      const perStatement = Math.max(1, Math.floor(caps.maxParameters / 8));
      for (let i = 0; i < rows.length; i += perStatement)
        await db
          .insertInto('audit_pending')
          .values(rows.slice(i, i + perStatement))
          .execute();
    },
    async pending(limit) {
      const rows = await db
        .selectFrom('audit_pending')
        .selectAll()
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        pendingId: Number(r.id),
        at: Number(r.at),
        actor: r.actor_name === null ? { id: r.actor_id } : { id: r.actor_id, name: r.actor_name },
        action: r.action,
        object: { type: r.object_type as AuditObjectType, id: r.object_id },
        digest: r.digest,
        ...(r.reason === null ? {} : { reason: r.reason }),
      }));
    },
    async removePending(ids) {
      for (let i = 0; i < ids.length; i += 1000)
        await db
          .deleteFrom('audit_pending')
          .where('id', 'in', ids.slice(i, i + 1000))
          .execute();
    },
    async tryLockHead() {
      const q = headQuery();
      const row = await (caps.supportsRowLocks ? q.forUpdate().skipLocked() : q).executeTakeFirst();
      return row && { seq: Number(row.seq), hash: row.hash };
    },
    async lockHead() {
      const q = headQuery();
      const row = await (caps.supportsRowLocks ? q.forUpdate() : q).executeTakeFirstOrThrow();
      return { seq: Number(row.seq), hash: row.hash };
    },
    async head() {
      const row = await headQuery().executeTakeFirstOrThrow();
      return { seq: Number(row.seq), hash: row.hash };
    },
    async append(entries) {
      const last = entries[entries.length - 1];
      if (!last) return;
      const rows = entries.map((e) => ({
        seq: e.seq,
        ...entryColumns(e),
        prev: e.prev,
        hash: e.hash,
      }));
      const perStatement = Math.max(1, Math.floor(caps.maxParameters / 11));
      for (let i = 0; i < rows.length; i += perStatement)
        await db
          .insertInto('audit_log')
          .values(rows.slice(i, i + perStatement))
          .execute();
      await db
        .updateTable('audit_head')
        .set({ seq: last.seq, hash: last.hash })
        .where('id', '=', 1)
        .execute();
    },
    async list(q) {
      let query = db.selectFrom('audit_log').selectAll();
      if (q.from !== undefined) query = query.where('at', '>=', q.from);
      if (q.to !== undefined) query = query.where('at', '<', q.to);
      if (q.objectType !== undefined) query = query.where('object_type', '=', q.objectType);
      if (q.objectId !== undefined) query = query.where('object_id', '=', q.objectId);
      if (q.actor !== undefined) query = query.where('actor_id', '=', q.actor);
      if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
      return (await query.orderBy('seq').limit(q.limit).execute()).map(fromRow);
    },
    async get(seq) {
      const row = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', seq)
        .executeTakeFirst();
      return row && fromRow(row);
    },
    async byObject(after, limit) {
      let q = db
        .selectFrom('audit_log')
        .select(['object_type', 'object_id', 'seq', 'digest', 'action']);
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('object_type', '>', after.type),
            eb.and([eb('object_type', '=', after.type), eb('object_id', '>', after.id)]),
            eb.and([
              eb('object_type', '=', after.type),
              eb('object_id', '=', after.id),
              eb('seq', '>', after.seq),
            ]),
          ]),
        );
      const rows = await q
        .orderBy('object_type')
        .orderBy('object_id')
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        type: r.object_type as AuditObjectType,
        id: r.object_id,
        seq: Number(r.seq),
        digest: r.digest,
        action: r.action,
      }));
    },
    async hasEntries(type, ids) {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db
          .selectFrom('audit_log')
          .select('object_id')
          .distinct()
          .where('object_type', '=', type)
          .where('object_id', 'in', ids.slice(i, i + 500))
          .execute();
        for (const r of rows) found.add(r.object_id);
      }
      return found;
    },
    async addCheckpoint(c) {
      await db
        .insertInto('audit_checkpoints')
        .values({ seq: c.seq, hash: c.hash, at: c.at, key_id: c.keyId, signature: c.signature })
        .onConflict((oc) => oc.column('seq').doNothing())
        .execute();
    },
    async checkpoints(limit) {
      const rows = await db
        .selectFrom('audit_checkpoints')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        hash: r.hash,
        at: Number(r.at),
        keyId: r.key_id,
        signature: r.signature,
      }));
    },
    async latestCheckpoint() {
      return (await this.checkpoints(1))[0];
    },
    async addKey(k) {
      const r = await db
        .insertInto('audit_keys')
        .values({ key_id: k.keyId, public_key: k.publicKey, created_at: k.createdAt })
        .onConflict((oc) => oc.column('key_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async keys() {
      const rows = await db.selectFrom('audit_keys').selectAll().orderBy('created_at').execute();
      return rows.map((r) => ({
        keyId: r.key_id,
        publicKey: r.public_key,
        createdAt: Number(r.created_at),
      }));
    },
  };
}
