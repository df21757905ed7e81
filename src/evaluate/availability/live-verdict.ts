import { defaultQuorum } from './quorum.js';

/**
 * The live form of the quorum (quorum.ts does the same over intervals, for reports): whether a
 * service or monitor is down right now from what each location sees. A location whose agent is
 * silent, or that has no result yet, does not vote; the quorum shrinks to the locations that
 * do, so a silent agent neither makes nor hides an outage.
 */
export interface LocationVote {
  readonly location: string;
  /** It has a result and its agent is not silent. */
  readonly known: boolean;
  readonly down: boolean;
}

export type Verdict = 'up' | 'down' | 'unknown';

export function liveVerdict(votes: readonly LocationVote[], quorum?: number): Verdict {
  const n = votes.length;
  if (n === 0) return 'unknown';
  const q = Math.min(quorum ?? defaultQuorum(n), n);
  const reporting = votes.filter((v) => v.known);
  if (reporting.length === 0) return 'unknown';
  const down = reporting.filter((v) => v.down).length;
  return down > 0 && down >= Math.min(q, reporting.length) ? 'down' : 'up';
}
