import type { ImprovementItem } from '../../domain/improvement.js';
import { toIso } from '../../domain/time.js';

/** An improvement plan item as the API, CLI and reports show it. */
export function improvementView(i: ImprovementItem, today?: string) {
  return {
    id: i.id,
    month: i.month,
    title: i.title,
    description: i.description,
    owner: i.owner,
    dueDate: i.dueDate,
    status: i.status,
    overdue:
      today !== undefined &&
      i.dueDate < today &&
      (i.status === 'planned' || i.status === 'in_progress'),
    links: i.links,
    createdAt: toIso(i.createdAt),
    updatedAt: toIso(i.updatedAt),
    createdBy: i.createdBy,
    reviews: i.reviews.map((r) => ({
      quarter: r.quarter,
      effect: r.effect,
      note: r.note,
      reviewer: r.reviewer,
      reviewedAt: toIso(r.reviewedAt),
    })),
  };
}
export type ImprovementView = ReturnType<typeof improvementView>;
