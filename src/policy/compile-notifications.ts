import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { DAY, parseDuration, SECOND, MINUTE } from '../domain/duration.js';
import type { Language } from '../domain/localized.js';
import { isValidTimeZone, parseWeekdays } from './calendar.js';
import type { Path, Report } from './problem-report.js';
import type { Consequence } from './policy.js';
import type {
  ChannelSpec,
  EscalationLevel,
  EscalationPolicy,
  MessageTemplate,
  NotificationsPolicy,
  Person,
  QuietHours,
  Route,
  Schedule,
  SecretRef,
  Target,
} from './notifications.js';
import type { ChannelDocument, NotificationsDocument } from './schema-notifications.js';
import type { ChannelField, ChannelKindRules } from './channel-kind-rules.js';

/** Resolves and checks the notifications section; every broken reference is reported with where it is. */
export function compileNotifications(
  doc: NotificationsDocument | undefined,
  timezone: string,
  consequences: ReadonlyMap<string, Consequence>,
  kinds: readonly ChannelKindRules[],
  problem: Report,
): NotificationsPolicy {
  const base: Path = ['notifications'];
  const language: Language = doc?.language ?? 'en';

  const channels = new Map<string, ChannelSpec>();
  const disabled = new Set<string>();
  for (const [name, c] of Object.entries(doc?.channels ?? {})) {
    const spec = compileChannel(name, c, kinds, language, [...base, 'channels', name], problem);
    if (c.enabled === false) disabled.add(name);
    else if (spec) channels.set(name, spec);
  }
  const channelKnown = (name: string, path: Path) => {
    if (!channels.has(name) && !disabled.has(name))
      problem(
        path,
        `no channel is named "${name}"; known: ${[...channels.keys(), ...disabled].join(', ') || 'none'}`,
      );
  };
  const enabled = (names: readonly string[]) => names.filter((n) => channels.has(n));

  const quietHours = new Map<string, QuietHours>();
  for (const [name, q] of Object.entries(doc?.quietHours ?? {})) {
    const path = [...base, 'quietHours', name];
    const zone = q.timezone ?? timezone;
    if (!isValidTimeZone(zone))
      problem([...path, 'timezone'], `"${zone}" is not an IANA time zone`);
    const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(q.hours)!;
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (start >= 1440 || end > 1440 || Number(m[2]) > 59 || Number(m[4]) > 59 || start === end) {
      problem([...path, 'hours'], `"${q.hours}" is not a quiet period; write it like 22:00-08:00`);
      continue;
    }
    const days = q.days === undefined ? [1, 2, 3, 4, 5, 6, 7] : parseWeekdays(q.days);
    if (typeof days === 'string') {
      problem([...path, 'days'], days);
      continue;
    }
    quietHours.set(name, {
      name,
      timezone: zone,
      start,
      end,
      days,
      exceptSeverities: q.exceptSeverities ?? [],
    });
  }

  const people = new Map<string, Person>();
  for (const [id, p] of Object.entries(doc?.people ?? {})) {
    const path = [...base, 'people', id];
    if (p.quietHours !== undefined && !quietHours.has(p.quietHours))
      problem([...path, 'quietHours'], `no quiet hours are named "${p.quietHours}"`);
    p.via?.forEach((c, i) => channelKnown(c, [...path, 'via', i]));
    const via = p.via && enabled(p.via);
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
  const personKnown = (id: string, path: Path) => {
    if (!people.has(id))
      problem(path, `no person is named "${id}"; declare them under notifications.people`);
  };

  const teams = new Map<string, readonly string[]>();
  for (const [id, members] of Object.entries(doc?.teams ?? {})) {
    members.forEach((m, i) => personKnown(m, [...base, 'teams', id, i]));
    teams.set(id, members);
  }

  const schedules = new Map<string, Schedule>();
  for (const [name, s] of Object.entries(doc?.schedules ?? {})) {
    const compiled = compileSchedule(
      name,
      s,
      timezone,
      [...base, 'schedules', name],
      personKnown,
      problem,
    );
    if (compiled) schedules.set(name, compiled);
  }

  const escalations = new Map<string, EscalationPolicy>();
  const levelNames = new Set<string>();
  for (const [name, e] of Object.entries(doc?.escalations ?? {})) {
    const path = [...base, 'escalations', name];
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
        if (kind === 'person') personKnown(id, where);
        if (kind === 'team' && !teams.has(id))
          problem(where, `no team is named "${id}"; declare it under notifications.teams`);
        if (kind === 'schedule' && !schedules.has(id) && !doc?.schedules?.[id])
          problem(where, `no schedule is named "${id}"; declare it under notifications.schedules`);
        if (kind === 'channel') channelKnown(id, where);
        if (kind !== 'channel' || channels.has(id)) notify.push({ kind, id });
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

  const routes: Route[] = [];
  (doc?.routes ?? []).forEach((r, i) => {
    const path = [...base, 'routes', i];
    if (!escalations.has(r.escalation) && !doc?.escalations?.[r.escalation])
      problem(
        [...path, 'escalation'],
        `no escalation policy is named "${r.escalation}"; known: ${Object.keys(doc?.escalations ?? {}).join(', ') || 'none'}`,
      );
    r.channels.forEach((c, j) => channelKnown(c, [...path, 'channels', j]));
    r.match?.types?.forEach((t, j) => {
      if (
        !/^[a-z0-9_-]+(\.[a-z0-9_*-]+)*$/i.test(t) ||
        (t.includes('*') && !t.endsWith('.*') && t !== '*')
      )
        problem(
          [...path, 'match', 'types', j],
          `"${t}" is not a signal type or family; write it like clock.breached or metric.*`,
        );
    });
    routes.push({
      name: r.name ?? `route-${i + 1}`,
      match: r.match ?? {},
      escalation: r.escalation,
      channels: enabled(r.channels),
      severity: r.severity,
    });
  });

  // Consequences that act through escalation must name what exists.
  for (const [name, c] of consequences) {
    const rule = c.rule;
    const path: Path = ['consequences', name];
    if (!rule) continue;
    if (rule.type === 'notify')
      rule.channels.forEach((ch, i) => channelKnown(ch, [...path, 'channels', i]));
    if (
      rule.type === 'escalate' &&
      rule.escalation !== undefined &&
      !escalations.has(rule.escalation) &&
      !doc?.escalations?.[rule.escalation]
    ) {
      problem([...path, 'escalation'], `no escalation policy is named "${rule.escalation}"`);
    }
    const level =
      rule.type === 'expedite'
        ? rule.escalateTo
        : rule.type === 'escalate'
          ? rule.startAt
          : undefined;
    if (level !== undefined && escalations.size > 0 && !levelNames.has(level)) {
      problem(
        [...path, rule.type === 'expedite' ? 'escalateTo' : 'startAt'],
        `no escalation level is named "${level}"; levels: ${[...levelNames].join(', ')}`,
      );
    }
  }

  const templates = new Map<string, Partial<Record<Language, MessageTemplate>>>();
  for (const [type, byLanguage] of Object.entries(doc?.templates ?? {})) {
    for (const [lang, t] of Object.entries(byLanguage)) {
      for (const part of ['title', 'body'] as const) {
        try {
          Handlebars.parse(t![part]);
        } catch (err) {
          problem(
            [...base, 'templates', type, lang, part],
            `the template does not parse: ${(err as Error).message.split('\n')[0]}`,
          );
        }
      }
    }
    templates.set(type, byLanguage as Partial<Record<Language, MessageTemplate>>);
  }

  let maxAgeMs = 24 * 3_600_000;
  if (doc?.maxAge !== undefined) {
    const ms = parseDuration(doc.maxAge);
    if (ms === undefined || ms < MINUTE)
      problem([...base, 'maxAge'], `"${doc.maxAge}" is not a duration of a minute or more`);
    else maxAgeMs = ms;
  }
  return {
    maxAgeMs,
    language,
    channels,
    people,
    teams,
    schedules,
    quietHours,
    escalations,
    routes,
    templates,
    baseUrl: doc?.baseUrl?.replace(/\/+$/, ''),
  };
}

const CHANNEL_FIELDS: readonly ChannelField[] = ['url', 'secret', 'headers', 'smtp', 'from', 'to'];

function secretOf(v: string | { env: string } | undefined): SecretRef | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? { value: v } : { env: v.env };
}

function compileChannel(
  name: string,
  c: ChannelDocument,
  kinds: readonly ChannelKindRules[],
  language: Language,
  path: Path,
  problem: Report,
): ChannelSpec | undefined {
  let ok = true;
  const fail = (p: Path, m: string, key = false) => {
    ok = false;
    problem(p, m, key);
  };
  const kind = kinds.find((k) => k.type === c.type);
  if (!kind) {
    fail(
      [...path, 'type'],
      `"${c.type}" is not a channel type; known: ${kinds.map((k) => k.type).join(', ')}`,
    );
    return undefined;
  }
  const a = /^[aeiou]/.test(c.type) ? 'an' : 'a';
  for (const field of CHANNEL_FIELDS) {
    const rule = kind.settings[field];
    if (c[field] !== undefined && !rule)
      fail([...path, field], `"${field}" does not apply to ${a} ${c.type} channel`, true);
    if (c[field] === undefined && rule?.required)
      fail([...path, field], `${a} ${c.type} channel needs ${rule.required}`);
  }
  if (typeof c.url === 'string' && !/^https?:\/\/[^\s/]+/.test(c.url))
    fail([...path, 'url'], `"${c.url}" is not an http(s) URL`);
  const duration = (field: 'timeout' | 'backoff' | 'maxBackoff', fallback: number, min: number) => {
    const text = c[field];
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === undefined || ms < min || ms > DAY) {
      fail([...path, field], `"${text}" is not a duration from ${min}ms to 1d`);
      return fallback;
    }
    return ms;
  };
  const timeoutMs = duration('timeout', 10 * SECOND, 1);
  const backoffMs = duration('backoff', 30 * SECOND, 1);
  const maxBackoffMs = duration('maxBackoff', 10 * MINUTE, 1);
  if (!ok) return undefined;
  return {
    name,
    type: c.type,
    language: c.language ?? language,
    timeoutMs,
    attempts: c.attempts ?? 4,
    backoffMs,
    maxBackoffMs: Math.max(maxBackoffMs, backoffMs),
    url: secretOf(c.url),
    secret: secretOf(c.secret),
    headers: c.headers,
    smtp: c.smtp && {
      host: c.smtp.host,
      port: c.smtp.port ?? (c.smtp.secure ? 465 : 587),
      secure: c.smtp.secure ?? false,
      user: c.smtp.user,
      password: secretOf(c.smtp.password),
      verifyCertificate: c.smtp.verifyCertificate ?? true,
    },
    from: c.from,
    to: c.to ?? [],
  };
}

function compileSchedule(
  name: string,
  s: NonNullable<NotificationsDocument['schedules']>[string],
  timezone: string,
  path: Path,
  personKnown: (id: string, path: Path) => void,
  problem: Report,
): Schedule | undefined {
  const zone = s.timezone ?? timezone;
  if (!isValidTimeZone(zone)) {
    problem([...path, 'timezone'], `"${zone}" is not an IANA time zone`);
    return undefined;
  }
  let ok = true;
  if (!DateTime.fromISO(s.start, { zone }).isValid) {
    problem([...path, 'start'], `"${s.start}" is not a date-time`);
    ok = false;
  }
  const m = /^(\d+)([dw])$/.exec(s.every ?? '1w')!;
  const periodDays = Number(m[1]) * (m[2] === 'w' ? 7 : 1);
  if (periodDays < 1 || periodDays > 366) {
    problem([...path, 'every'], `"${s.every}" is not a turn from 1d to 52w`);
    ok = false;
  }
  s.members.forEach((p, i) => personKnown(p, [...path, 'members', i]));
  const overrides = (s.overrides ?? []).flatMap((o, i) => {
    const at = [...path, 'overrides', i];
    const from = DateTime.fromISO(o.from, { zone });
    const to = DateTime.fromISO(o.to, { zone });
    personKnown(o.person, [...at, 'person']);
    if (!from.isValid)
      problem([...at, 'from'], `"${o.from}" is not a date-time like 2026-10-01T09:00`);
    if (!to.isValid) problem([...at, 'to'], `"${o.to}" is not a date-time like 2026-10-08T09:00`);
    if (!from.isValid || !to.isValid) return [];
    if (to <= from) {
      problem([...at, 'to'], `the override ends (${o.to}) before it starts (${o.from})`);
      return [];
    }
    return [{ from: from.toMillis(), to: to.toMillis(), person: o.person }];
  });
  return ok
    ? { name, timezone: zone, start: s.start, periodDays, members: s.members, overrides }
    : undefined;
}
