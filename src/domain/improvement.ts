import type { Instant } from './time.js';

/** An improvement plan item's life: planned, under way, done, or dropped. */
export const IMPROVEMENT_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** What a quarterly review found an item's effect to be. */
export const REVIEW_EFFECTS = [
  'effective',
  'partly_effective',
  'not_effective',
  'too_early',
] as const;
export type ReviewEffect = (typeof REVIEW_EFFECTS)[number];

/** The breach an item answers: a commitment, and the ticket or signal behind it. */
export interface ImprovementLink {
  readonly commitment: string;
  readonly ticket?: number | undefined;
  readonly signal?: number | undefined;
}

export interface ImprovementReview {
  /** "2026-Q4" */
  readonly quarter: string;
  readonly effect: ReviewEffect;
  readonly note: string;
  readonly reviewer: string;
  readonly reviewedAt: Instant;
}

/** One item of the monthly improvement plan (guarantee §6). */
export interface ImprovementItem {
  readonly id: number;
  /** The plan it belongs to: "2026-10". */
  readonly month: string;
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  /** A calendar date, "2026-11-15". */
  readonly dueDate: string;
  readonly status: ImprovementStatus;
  readonly links: readonly ImprovementLink[];
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly createdBy: string;
  readonly reviews: readonly ImprovementReview[];
}
