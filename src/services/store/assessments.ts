import type { Assessment } from '../../domain/assessment.js';

export type NewAssessment = Omit<Assessment, 'id'>;

export interface AssessmentRepository {
  insert(assessment: NewAssessment): Promise<number>;
  get(id: number): Promise<Assessment | undefined>;
  /** Newest first: by assessment date, then the order they were recorded in, latest first. */
  list(query: {
    readonly period?: string | undefined;
    readonly limit: number;
  }): Promise<Assessment[]>;
}
