import type { Person, QuietHours } from '../notifications.js';
import type { Path, Report } from '../problem-report.js';
import type { NotificationsDocument } from '../schema-notifications.js';
import type { CompiledChannels, NameCheck } from './channels.js';

/** notifications.people: who can be paged, how to reach them and when not to. */
export function compilePeople(
  doc: NotificationsDocument | undefined,
  channels: CompiledChannels,
  quietHours: ReadonlyMap<string, QuietHours>,
  problem: Report,
): { people: Map<string, Person>; known: NameCheck } {
  const people = new Map<string, Person>();
  for (const [id, p] of Object.entries(doc?.people ?? {})) {
    const path = ['notifications', 'people', id];
    if (p.quietHours !== undefined && !quietHours.has(p.quietHours))
      problem([...path, 'quietHours'], `no quiet hours are named "${p.quietHours}"`);
    p.via?.forEach((c, i) => channels.known(c, [...path, 'via', i]));
    const via = p.via && channels.enabled(p.via);
    people.set(id, {
      id,
      name: p.name,
      email: p.email,
      mobile: p.mobile,
      chatIds: p.chatIds ?? {},
      language: p.language,
      quietHours: p.quietHours,
      via: via && via.length > 0 ? via : undefined,
    });
  }
  return {
    people,
    known(id: string, path: Path) {
      if (!people.has(id))
        problem(path, `no person is named "${id}"; declare them under notifications.people`);
    },
  };
}

/** notifications.teams: named groups of people. */
export function compileTeams(
  doc: NotificationsDocument | undefined,
  personKnown: NameCheck,
): Map<string, readonly string[]> {
  const teams = new Map<string, readonly string[]>();
  for (const [id, members] of Object.entries(doc?.teams ?? {})) {
    members.forEach((m, i) => personKnown(m, ['notifications', 'teams', id, i]));
    teams.set(id, members);
  }
  return teams;
}
