import type { LateEntryFacts, ReportFacts } from '../facts.js';

/** The period's late entries as gathered; a report gathered without them counts none. */
export function lateEntriesModel(f: ReportFacts): LateEntryFacts {
  return f.lateEntries ?? { toleranceMs: 0, count: 0, changedOutcome: 0, items: [] };
}
