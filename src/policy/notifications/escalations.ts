import { MINUTE, parseDuration } from '../../domain/duration.js';
import type { EscalationLevel, EscalationPolicy, Schedule, Target } from '../notifications.js';
import type { Report } from '../problem-report.js';
import type { NotificationsDocument } from '../schema-notifications.js';
import type { CompiledChannels, NameCheck } from './channels.js';

/** What an escalation level may page, as the sections before it compiled them. */
export interface PageableTargets {
  readonly channels: CompiledChannels;
  readonly personKnown: NameCheck;
  readonly teams: ReadonlyMap<string, readonly string[]>;
  readonly schedules: ReadonlyMap<string, Schedule>;
}

/** notifications.escalations: levels reached in order after their delays, each with whom it pages. */
export function compileEscalations(
  doc: NotificationsDocument | undefined,
  targets: PageableTargets,
  problem: Report,
): { escalations: Map<string, EscalationPolicy>; levelNames: Set<string> } {
  const escalations = new Map<string, EscalationPolicy>();
  const levelNames = new Set<string>();
  for (const [name, e] of Object.entries(doc?.escalations ?? {})) {
    const path = ['notifications', 'escalations', name];
    const levels: EscalationLevel[] = [];
    let previous = -1;
    e.levels.forEach((l, i) => {
      const at = [...path, 'levels', i];
      const afterMs = parseDuration(l.after);
      if (afterMs === undefined)
        problem([...at, 'after'], `"${l.after}" is not a duration; write it like 10m`);
      else if (afterMs < previous)
        problem(
          [...at, 'after'],
          `level ${i} comes after ${l.after}, earlier than the level before it; list levels in the order they are reached`,
        );
      if (i === 0 && afterMs !== undefined && afterMs !== 0)
        problem([...at, 'after'], 'the first level is paged when the alert opens: after: 0m');
      previous = afterMs ?? previous;
      const notify: Target[] = [];
      l.notify.forEach((t, j) => {
        const colon = t.indexOf(':');
        const kind = t.slice(0, colon) as Target['kind'];
        const id = t.slice(colon + 1);
        const where = [...at, 'notify', j];
        if (kind === 'person') targets.personKnown(id, where);
        if (kind === 'team' && !targets.teams.has(id))
          problem(where, `no team is named "${id}"; declare it under notifications.teams`);
        if (kind === 'schedule' && !targets.schedules.has(id) && !doc?.schedules?.[id])
          problem(where, `no schedule is named "${id}"; declare it under notifications.schedules`);
        if (kind === 'channel') targets.channels.known(id, where);
        if (kind !== 'channel' || targets.channels.channels.has(id)) notify.push({ kind, id });
      });
      const levelName = l.name ?? `level-${i + 1}`;
      if (levels.some((x) => x.name === levelName))
        problem([...at, 'name'], `another level of "${name}" is named "${levelName}"`);
      levelNames.add(levelName);
      levels.push({ name: levelName, afterMs: afterMs ?? 0, notify });
    });
    let repeat: EscalationPolicy['repeat'];
    if (e.repeat) {
      const everyMs = parseDuration(e.repeat.every);
      if (everyMs === undefined || everyMs < MINUTE)
        problem(
          [...path, 'repeat', 'every'],
          `"${e.repeat.every}" is not a duration of a minute or more`,
        );
      else repeat = { everyMs, times: e.repeat.times };
    }
    escalations.set(name, { name, levels, repeat });
  }
  return { escalations, levelNames };
}
