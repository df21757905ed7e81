import type { Path, Report } from './problem-report.js';
import type { NotificationsPolicy } from './notifications.js';
import type { ReportRecipient, ReportSchedule, ReportsPolicy } from './reports.js';
import type { NotificationsDocument } from './schema-notifications.js';
import type { ReportsDocument } from './schema-reports.js';

/**
 * Resolves the report schedules against the notifications section; every broken reference
 * is reported with where it is. Like routes, a schedule may name a disabled channel (it is
 * left out until enabled); an enabled schedule must reach every recipient it names.
 */
export function compileReports(
  doc: ReportsDocument | undefined,
  notificationsDoc: NotificationsDocument | undefined,
  notifications: NotificationsPolicy,
  problem: Report,
): ReportsPolicy {
  const schedules = new Map<string, ReportSchedule>();
  const emailChannels = [...notifications.channels.values()]
    .filter((c) => c.type === 'email')
    .map((c) => c.name);
  const declared = new Set(Object.keys(notificationsDoc?.channels ?? {}));
  for (const [name, s] of Object.entries(doc?.schedules ?? {})) {
    const path: Path = ['reports', 'schedules', name];
    const enabled = s.enabled !== false;
    const at = s.at ?? '08:00';
    const [h, m] = at.split(':').map(Number) as [number, number];
    if (h > 23 || m > 59)
      problem([...path, 'at'], `"${at}" is not a time of day; write it like 08:30`);
    const to: ReportRecipient[] = [];
    s.to.forEach((target, i) => {
      const where = [...path, 'to', i];
      const colon = target.indexOf(':');
      const kind = target.slice(0, colon);
      const id = target.slice(colon + 1);
      const person = (p: string) => {
        const known = notifications.people.get(p);
        if (!known)
          return problem(
            where,
            `no person is named "${p}"; declare them under notifications.people`,
          );
        if (!known.via && !known.email)
          return problem(
            where,
            `${known.name} has no e-mail address and no "via" channels, so a report cannot reach them`,
          );
        if (enabled && !known.via && emailChannels.length === 0)
          return problem(
            where,
            `reports reach ${known.name} by e-mail, and no e-mail channel is enabled under notifications.channels (or disable the schedule: enabled: false)`,
          );
        if (!to.some((r) => r.kind === 'person' && r.id === p)) to.push({ kind: 'person', id: p });
      };
      if (kind === 'person') person(id);
      else if (kind === 'team') {
        const members = notifications.teams.get(id);
        if (!members)
          problem(where, `no team is named "${id}"; declare it under notifications.teams`);
        else members.forEach(person);
      } else if (kind === 'channel') {
        if (!declared.has(id))
          problem(
            where,
            `no channel is named "${id}"; known: ${[...declared].join(', ') || 'none'}`,
          );
        else if (notifications.channels.has(id)) to.push({ kind: 'channel', id });
        else if (enabled)
          problem(
            where,
            `the channel "${id}" is disabled, so the report would not reach it; enable the channel or the schedule's other recipients only`,
          );
      } else
        problem(
          where,
          `reports go to people, teams or channels (person:ID, team:ID, channel:NAME), not "${kind}:"`,
        );
    });
    if (!enabled) continue;
    schedules.set(name, {
      name,
      kind: s.report,
      atMinutes: h * 60 + m,
      language: s.language ?? notifications.language,
      format: s.format ?? 'pdf',
      to,
      customer: s.customer,
    });
  }
  return { schedules };
}
