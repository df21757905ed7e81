/** An improvement plan item's life: planned, under way, done, or dropped. */
export const IMPROVEMENT_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'];
/** What a quarterly review found an item's effect to be. */
export const REVIEW_EFFECTS = ['effective', 'partly_effective', 'not_effective', 'too_early'];
//# sourceMappingURL=improvement.js.map