import type { Kysely } from 'kysely';
import type {
  CreditAuditRow,
  CreditLineRow,
  CreditRepository,
} from '../../services/store/index.js';
import type { Database } from '../database.js';

export function creditRepository(db: Kysely<Database>): CreditRepository {
  return {
    async lines(month, customer) {
      let q = db.selectFrom('credit_lines').selectAll().where('month', '=', month);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      const rows = await q.orderBy('customer_id').orderBy('line_key').execute();
      return rows.map((r) => ({
        month: r.month,
        customer: r.customer_id,
        key: r.line_key,
        commitment: r.commitment,
        consequence: r.consequence,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        dueAt: r.due_at,
        breachedAt: r.breached_at,
        amountMinor: r.amount_minor,
        currency: r.currency,
        status: r.status as CreditLineRow['status'],
        evidence: JSON.parse(r.evidence) as Record<string, unknown>,
        updatedAt: r.updated_at,
      }));
    },
    async put(l) {
      const values = {
        commitment: l.commitment,
        consequence: l.consequence,
        subject_type: l.subjectType,
        subject_id: l.subjectId,
        due_at: l.dueAt,
        breached_at: l.breachedAt,
        amount_minor: l.amountMinor,
        currency: l.currency,
        status: l.status,
        evidence: JSON.stringify(l.evidence),
        updated_at: l.updatedAt,
      };
      await db
        .insertInto('credit_lines')
        .values({ month: l.month, customer_id: l.customer, line_key: l.key, ...values })
        .onConflict((oc) => oc.columns(['month', 'customer_id', 'line_key']).doUpdateSet(values))
        .execute();
    },
    async audit(a: CreditAuditRow) {
      await db
        .insertInto('credit_audit')
        .values({
          month: a.month,
          customer_id: a.customer,
          line_key: a.key,
          at: a.at,
          action: a.action,
          before: a.before === null ? null : JSON.stringify(a.before),
          after: a.after === null ? null : JSON.stringify(a.after),
          reason: a.reason,
          actor: a.actor,
        })
        .execute();
    },
    async auditOf(month, customer) {
      let q = db.selectFrom('credit_audit').selectAll().where('month', '=', month);
      if (customer !== undefined) q = q.where('customer_id', '=', customer);
      const rows = await q.orderBy('id').execute();
      return rows.map((r) => ({
        month: r.month,
        customer: r.customer_id,
        key: r.line_key,
        at: r.at,
        action: r.action as CreditAuditRow['action'],
        before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
        after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
        reason: r.reason,
        actor: r.actor,
      }));
    },
  };
}
