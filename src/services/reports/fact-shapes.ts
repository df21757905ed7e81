import { toIso } from '../../domain/time.js';
import { AGGREGATE_MEASURES } from '../../policy/measures.js';
import { formatTarget } from '../../policy/format-target.js';
import type { Policy } from '../../policy/policy.js';
import type { CommitmentFacts, SignalFacts } from '../../reports/facts.js';
import type { Signal } from '../store/index.js';

export function commitmentFacts(policy: Policy): CommitmentFacts[] {
  return policy.commitments.map((c) => {
    const credit = c.onBreach
      .map((name) => policy.consequences.get(name))
      .find((k) => k?.type === 'credit' && typeof k.settings.percentOfMonthlyFee === 'number');
    return {
      id: c.id,
      name: c.name,
      type: c.type,
      measure: c.measure,
      target: formatTarget(c),
      creditPercent:
        c.type === 'ticket-clock' && credit
          ? (credit.settings.percentOfMonthlyFee as number)
          : null,
      better: c.type === 'aggregate' ? AGGREGATE_MEASURES[c.measure].better : 'higher',
    };
  });
}

export const signalFacts = (s: Signal): SignalFacts => ({
  id: s.id,
  type: s.type,
  at: toIso(s.at),
  subject: { type: s.subjectType, id: s.subjectId },
  commitment: s.commitment,
  customer: s.customer,
  data: s.data,
});
