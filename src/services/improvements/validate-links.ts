import { SuretyError, type ErrorDetail } from '../../domain/errors.js';
import type { ImprovementLink } from '../../domain/improvement.js';
import type { Policy } from '../../policy/policy.js';
import type { Store } from '../store/index.js';

/** Every link must name a commitment of the policy and, if it names one, a ticket that exists. */
export async function validateLinks(
  store: Store,
  policy: Policy,
  links: readonly ImprovementLink[],
): Promise<void> {
  const problems: ErrorDetail[] = [];
  const known = new Set([
    ...policy.commitments.map((c) => c.id),
    ...policy.metrics.rules.map((r) => r.id),
  ]);
  const tickets = [...new Set(links.flatMap((l) => (l.ticket === undefined ? [] : [l.ticket])))];
  const found = new Set((await store.tickets.getMany(tickets)).map((t) => t.id));
  links.forEach((l, i) => {
    if (!known.has(l.commitment))
      problems.push({
        path: `/links/${i}/commitment`,
        message: `the policy has no commitment "${l.commitment}"`,
      });
    if (l.ticket !== undefined && !found.has(l.ticket))
      problems.push({ path: `/links/${i}/ticket`, message: `there is no ticket ${l.ticket}` });
  });
  if (problems.length > 0)
    throw new SuretyError(
      'unknown_reference',
      `links: ${problems.map((p) => `${p.path.slice(1).replace(/\//g, '.')}: ${p.message}`).join('; ')}`,
      problems,
    );
}
