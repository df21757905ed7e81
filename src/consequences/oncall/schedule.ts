import { DateTime } from 'luxon';
import type { Instant } from '../../domain/time.js';
import type { Schedule } from '../../policy/notifications.js';

export interface OnCall {
  readonly person: string;
  /** When this person's turn (or override) began and ends. */
  readonly from: Instant;
  readonly until: Instant;
  readonly override: boolean;
}

/**
 * Who is on call at `t`: the latest override covering `t`, else the rotation's member whose
 * turn it is. Turns are whole local days long and hand over at the start's wall time, so a
 * 09:00 hand-over stays at 09:00 across daylight-saving changes. Before the first turn the
 * first member is on call.
 */
export function onCallAt(s: Schedule, t: Instant): OnCall {
  const turn = rotationAt(s, t);
  for (let i = s.overrides.length - 1; i >= 0; i--) {
    const o = s.overrides[i]!;
    if (o.from <= t && t < o.to)
      return { person: o.person, from: o.from, until: o.to, override: true };
  }
  // A turn may be cut short by an override starting within it.
  const cut = s.overrides
    .filter((o) => o.from > t && o.from < turn.until)
    .reduce((m, o) => Math.min(m, o.from), turn.until);
  return { ...turn, until: cut };
}

function rotationAt(s: Schedule, t: Instant): OnCall {
  const first = DateTime.fromISO(s.start, { zone: s.timezone });
  const local = DateTime.fromMillis(t, { zone: s.timezone });
  const days = Math.floor(local.startOf('day').diff(first.startOf('day'), 'days').days);
  let k = Math.floor(days / s.periodDays);
  let begin = first.plus({ days: k * s.periodDays });
  if (begin.toMillis() > t) {
    k -= 1;
    begin = first.plus({ days: k * s.periodDays });
  }
  if (k < 0) return { person: s.members[0]!, from: t, until: first.toMillis(), override: false };
  const end = first.plus({ days: (k + 1) * s.periodDays });
  return {
    person: s.members[k % s.members.length]!,
    from: begin.toMillis(),
    until: end.toMillis(),
    override: false,
  };
}
