import { MINUTE, parseDuration } from '../domain/duration.js';
import type { Language } from '../domain/localized.js';
import type { ChannelKindRules } from './channel-kind-rules.js';
import type { NotificationsPolicy } from './notifications.js';
import { compileChannels } from './notifications/channels.js';
import { checkConsequenceReferences } from './notifications/consequence-references.js';
import { compileEscalations } from './notifications/escalations.js';
import { compilePeople, compileTeams } from './notifications/people.js';
import { compileQuietHours } from './notifications/quiet-hours.js';
import { compileRoutes } from './notifications/routes.js';
import { compileSchedules } from './notifications/schedules.js';
import { compileTemplates } from './notifications/templates.js';
import type { Consequence } from './policy.js';
import type { Report } from './problem-report.js';
import type { NotificationsDocument } from './schema-notifications.js';

/**
 * Resolves and checks the notifications section, one part at a time in the order their
 * references run (channels, quiet hours, people, teams, schedules, escalations, routes); every
 * broken reference is reported with where it is.
 */
export function compileNotifications(
  doc: NotificationsDocument | undefined,
  timezone: string,
  consequences: ReadonlyMap<string, Consequence>,
  kinds: readonly ChannelKindRules[],
  problem: Report,
): NotificationsPolicy {
  const language: Language = doc?.language ?? 'en';
  const channels = compileChannels(doc, kinds, language, problem);
  const quietHours = compileQuietHours(doc, timezone, problem);
  const { people, known: personKnown } = compilePeople(doc, channels, quietHours, problem);
  const teams = compileTeams(doc, personKnown);
  const schedules = compileSchedules(doc, timezone, personKnown, problem);
  const { escalations, levelNames } = compileEscalations(
    doc,
    { channels, personKnown, teams, schedules },
    problem,
  );
  const routes = compileRoutes(doc, channels, escalations, problem);
  checkConsequenceReferences(doc, consequences, channels, escalations, levelNames, problem);
  return {
    maxAgeMs: compileMaxAge(doc, problem),
    language,
    channels: channels.channels,
    people,
    teams,
    schedules,
    quietHours,
    escalations,
    routes,
    templates: compileTemplates(doc, problem),
    baseUrl: doc?.baseUrl?.replace(/\/+$/, ''),
  };
}

/** How old a signal may be and still page anyone (imported history pages no one). */
function compileMaxAge(doc: NotificationsDocument | undefined, problem: Report): number {
  if (doc?.maxAge === undefined) return 24 * 60 * MINUTE;
  const ms = parseDuration(doc.maxAge);
  if (ms !== undefined && ms >= MINUTE) return ms;
  problem(['notifications', 'maxAge'], `"${doc.maxAge}" is not a duration of a minute or more`);
  return 24 * 60 * MINUTE;
}
