import type { Kysely, Selectable } from 'kysely';
import type {
  ImprovementItem,
  ImprovementLink,
  ImprovementReview,
  ImprovementStatus,
  ReviewEffect,
} from '../../domain/improvement.js';
import type { ImprovementRepository } from '../../services/store/index.js';
import type { Database } from '../database.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { chunks } from './rows.js';

export function improvementRepository(
  db: Kysely<Database>,
  caps: DialectCapabilities,
): ImprovementRepository {
  const reviewFromRow = (r: Selectable<Database['improvement_reviews']>): ImprovementReview => ({
    quarter: r.quarter,
    effect: r.effect as ReviewEffect,
    note: r.note,
    reviewer: r.reviewer,
    reviewedAt: Number(r.reviewed_at),
  });
  async function withReviews(
    rows: Selectable<Database['improvement_items']>[],
  ): Promise<ImprovementItem[]> {
    const reviews = new Map<number, ImprovementReview[]>(rows.map((r) => [Number(r.id), []]));
    for (const chunk of chunks([...reviews.keys()], 1000)) {
      const found = await db
        .selectFrom('improvement_reviews')
        .selectAll()
        .where('item_id', 'in', chunk)
        .orderBy('item_id')
        .orderBy('quarter')
        .execute();
      for (const r of found) reviews.get(Number(r.item_id))!.push(reviewFromRow(r));
    }
    return rows.map((r) => ({
      id: Number(r.id),
      month: r.month,
      title: r.title,
      description: r.description,
      owner: r.owner,
      dueDate: r.due_date,
      status: r.status as ImprovementStatus,
      links: JSON.parse(r.links) as ImprovementLink[],
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      createdBy: r.created_by,
      reviews: reviews.get(Number(r.id))!,
    }));
  }
  const columns = (i: Omit<ImprovementItem, 'id' | 'reviews'>) => ({
    month: i.month,
    title: i.title,
    description: i.description,
    owner: i.owner,
    due_date: i.dueDate,
    status: i.status,
    links: JSON.stringify(i.links),
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    created_by: i.createdBy,
  });
  return {
    async insert(item) {
      const row = await db
        .insertInto('improvement_items')
        .values(columns(item))
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async get(id, options = {}) {
      let q = db.selectFrom('improvement_items').selectAll().where('id', '=', id);
      if (options.lock && caps.supportsRowLocks) q = q.forUpdate();
      const row = await q.executeTakeFirst();
      return row ? (await withReviews([row]))[0] : undefined;
    },
    async list(query) {
      let q = db.selectFrom('improvement_items').selectAll();
      if (query.month !== undefined) q = q.where('month', '=', query.month);
      if (query.fromMonth !== undefined) q = q.where('month', '>=', query.fromMonth);
      if (query.toMonth !== undefined) q = q.where('month', '<=', query.toMonth);
      if (query.statuses && query.statuses.length > 0)
        q = q.where('status', 'in', [...query.statuses]);
      return withReviews(await q.orderBy('month').orderBy('id').limit(query.limit).execute());
    },
    async update(id, item) {
      const { created_at: _created, created_by: _by, ...rest } = columns(item);
      await db.updateTable('improvement_items').set(rest).where('id', '=', id).execute();
    },
    async putReview(id, review) {
      const row = {
        item_id: id,
        quarter: review.quarter,
        effect: review.effect,
        note: review.note,
        reviewer: review.reviewer,
        reviewed_at: review.reviewedAt,
      };
      await db
        .insertInto('improvement_reviews')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['item_id', 'quarter']).doUpdateSet({
            effect: row.effect,
            note: row.note,
            reviewer: row.reviewer,
            reviewed_at: row.reviewed_at,
          }),
        )
        .execute();
    },
  };
}
