import type {
  ImprovementItem,
  ImprovementReview,
  ImprovementStatus,
} from '../../domain/improvement.js';

export type NewImprovement = Omit<ImprovementItem, 'id' | 'reviews'>;

export interface ImprovementQuery {
  readonly month?: string | undefined;
  /** Items of plans from this month up to `toMonth`, inclusive ("2026-10".."2026-12" is a quarter). */
  readonly fromMonth?: string | undefined;
  readonly toMonth?: string | undefined;
  readonly statuses?: readonly ImprovementStatus[] | undefined;
  readonly limit: number;
}

export interface ImprovementRepository {
  insert(item: NewImprovement): Promise<number>;
  get(id: number, options?: { lock?: boolean }): Promise<ImprovementItem | undefined>;
  list(query: ImprovementQuery): Promise<ImprovementItem[]>;
  update(id: number, item: ImprovementItem): Promise<void>;
  /** Adds the quarter's review, or replaces it if that quarter was reviewed already. */
  putReview(id: number, review: ImprovementReview): Promise<void>;
}
