import type { Instant } from '../../domain/time.js';
import type { NotificationsPolicy, Severity, Target } from '../../policy/notifications.js';
import { onCallAt } from '../oncall/schedule.js';
import { quietUntil } from '../oncall/quiet-hours.js';

/** One page to send for an escalation step: a person (through their channels) or a channel itself. */
export interface Page {
  /** person:ID or channel:NAME: one page per key and step. */
  readonly key: string;
  readonly person?: string | undefined;
  readonly channels: readonly string[];
  /** Not before this (a person's quiet hours), else now. */
  readonly notBefore: Instant;
  /** Why it was chosen, for the alert log: "on call for first-line", "quiet until 08:00". */
  readonly reason: string;
}

/**
 * Who a step's targets page at `now`: people directly, teams by member, schedules by who
 * is on call. A person in quiet hours is paged when they end, unless the severity breaks
 * through; being on call (reached through a schedule) overrides quiet hours. Each person
 * is paged once a step, however many targets name them.
 */
export function pagesFor(
  targets: readonly Target[],
  n: NotificationsPolicy,
  routeChannels: readonly string[],
  now: Instant,
  severity: Severity,
): Page[] {
  const pages = new Map<string, Page>();
  const addPerson = (id: string, reason: string, onCall: boolean) => {
    const key = `person:${id}`;
    if (pages.has(key) && !onCall) return;
    const person = n.people.get(id);
    if (!person) return;
    const quiet = !onCall && person.quietHours ? n.quietHours.get(person.quietHours) : undefined;
    const until = quiet ? quietUntil(quiet, now, severity) : null;
    pages.set(key, {
      key,
      person: id,
      channels: person.via ?? routeChannels,
      notBefore: until ?? now,
      reason:
        until !== null
          ? `${reason}; in quiet hours until ${new Date(until).toISOString()}`
          : reason,
    });
  };
  for (const t of targets) {
    if (t.kind === 'person') addPerson(t.id, 'named', false);
    else if (t.kind === 'team')
      for (const m of n.teams.get(t.id) ?? []) addPerson(m, `team ${t.id}`, false);
    else if (t.kind === 'schedule') {
      const s = n.schedules.get(t.id);
      if (s) addPerson(onCallAt(s, now).person, `on call for ${t.id}`, true);
    } else if (n.channels.has(t.id)) {
      pages.set(`channel:${t.id}`, {
        key: `channel:${t.id}`,
        channels: [t.id, ...routeChannels.filter((c) => c !== t.id)],
        notBefore: now,
        reason: 'channel',
      });
    }
  }
  return [...pages.values()];
}
