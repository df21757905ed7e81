import type { ChannelKindRules } from './channel-kind-rules.js';
import type { Path, Report } from './problem-report.js';
import { createHash } from 'node:crypto';
import { isCurrencyCode } from '../domain/money.js';
import {
  ALWAYS_OPEN,
  alwaysOpen,
  expandDates,
  isValidTimeZone,
  parseHours,
  parseWeekdays,
  workingHoursCalendar,
  type BusinessCalendar,
  type DayRanges,
} from './calendar.js';
import {
  AGGREGATE_MEASURES,
  TICKET_CLOCK_MEASURES,
  isAggregateMeasure,
  isTicketClockMeasure,
} from './measures.js';
import type {
  Commitment,
  Consequence,
  Contract,
  Plan,
  Policy,
  TargetValue,
  Window,
} from './policy.js';
import type { CalendarDocument, CommitmentDocument, PolicyDocument } from './schema.js';
import { parseTarget } from './targets.js';
import { compileMetrics } from './compile-metrics.js';
import { compileAvailability } from './compile-availability.js';
import { compileConsequenceRule, compileCredits } from './compile-consequences.js';
import { compileNotifications } from './compile-notifications.js';
import { compileReports } from './compile-reports.js';

const DEFAULT_WARN_AT = [0.75, 0.9];

/**
 * Gives a structurally valid policy document its meaning: resolves calendars, targets and
 * references, and reports every problem it finds (not only the first) through `report`.
 * Returns undefined when anything was reported.
 */
export function compilePolicy(
  doc: PolicyDocument,
  source: string,
  report: Report,
  channelKinds: readonly ChannelKindRules[],
): Policy | undefined {
  let problems = 0;
  const problem: Report = (path, message, key) => {
    problems++;
    report(path, message, key);
  };

  const timezone = doc.timezone ?? 'UTC';
  if (!isValidTimeZone(timezone))
    problem(
      ['timezone'],
      `"${timezone}" is not an IANA time zone (like Asia/Shanghai or Europe/Berlin)`,
    );
  const currency = doc.currency ?? 'CNY';
  if (!isCurrencyCode(currency))
    problem(['currency'], `"${currency}" is not an ISO 4217 currency code`);

  const calendars = new Map<string, BusinessCalendar>([[ALWAYS_OPEN, alwaysOpen]]);
  for (const [name, cal] of Object.entries(doc.calendars ?? {})) {
    if (name === ALWAYS_OPEN) {
      problem(
        ['calendars', name],
        `"${ALWAYS_OPEN}" is built in (always open) and cannot be redefined`,
        true,
      );
      continue;
    }
    const compiled = compileCalendar(name, cal, ['calendars', name], problem);
    if (compiled) calendars.set(name, compiled);
  }
  const calendarNamed = (name: string | undefined, path: Path): BusinessCalendar => {
    const cal = calendars.get(name ?? ALWAYS_OPEN);
    if (cal) return cal;
    if (!doc.calendars?.[name!])
      problem(path, `no calendar is named "${name}"; known: ${[...calendars.keys()].join(', ')}`);
    return alwaysOpen;
  };
  const defaultCalendar = doc.defaults?.calendar;
  if (defaultCalendar !== undefined) calendarNamed(defaultCalendar, ['defaults', 'calendar']);
  const defaultWarnAt = doc.defaults?.warnAt
    ? percents(doc.defaults.warnAt, ['defaults', 'warnAt'], problem)
    : DEFAULT_WARN_AT;

  const consequences = new Map<string, Consequence>();
  for (const [name, c] of Object.entries(doc.consequences ?? {})) {
    const { type, ...settings } = c;
    consequences.set(name, {
      name,
      type,
      settings,
      rule: compileConsequenceRule(type, settings, ['consequences', name], problem),
    });
  }

  const commitments: Commitment[] = [];
  const seen = new Map<string, number>();
  doc.commitments.forEach((c, i) => {
    const path = ['commitments', i];
    if (seen.has(c.id))
      problem(
        [...path, 'id'],
        `commitment id "${c.id}" is already used by commitments[${seen.get(c.id)}]`,
      );
    seen.set(c.id, i);
    const compiled = compileCommitment(
      c,
      path,
      { calendarNamed, defaultCalendar, defaultWarnAt, consequences },
      problem,
    );
    if (compiled) commitments.push(compiled);
  });
  const byId = new Map(commitments.map((c) => [c.id, c]));

  const overridesFrom = (
    raw: Record<string, string | number> | undefined,
    path: Path,
  ): Map<string, TargetValue> => {
    const out = new Map<string, TargetValue>();
    for (const [id, value] of Object.entries(raw ?? {})) {
      const c = byId.get(id);
      if (!c) {
        if (!seen.has(id)) problem([...path, id], `no commitment has the id "${id}"`, true);
        continue;
      }
      const t = parseTarget(c, value);
      if (typeof t === 'string') problem([...path, id], t);
      else out.set(id, t);
    }
    return out;
  };

  const plans = new Map<string, Plan>();
  for (const [id, p] of Object.entries(doc.plans ?? {})) {
    plans.set(id, {
      id,
      name: p.name,
      overrides: overridesFrom(p.overrides, ['plans', id, 'overrides']),
    });
  }

  const contracts: Contract[] = [];
  const contractIds = new Map<string, number>();
  (doc.customers ?? []).forEach((c, i) => {
    const path = ['customers', i];
    if (contractIds.has(c.id))
      problem(
        [...path, 'id'],
        `customer id "${c.id}" is already used by customers[${contractIds.get(c.id)}]`,
      );
    contractIds.set(c.id, i);
    if (c.plan !== undefined && !plans.has(c.plan))
      problem(
        [...path, 'plan'],
        `no plan is named "${c.plan}"; known: ${[...plans.keys()].join(', ') || 'none'}`,
      );
    const cur = c.currency ?? currency;
    if (!isCurrencyCode(cur))
      problem([...path, 'currency'], `"${cur}" is not an ISO 4217 currency code`);
    contracts.push({
      id: c.id,
      name: c.name,
      plan: c.plan,
      monthlyFee: c.monthlyFee,
      currency: cur,
      overrides: overridesFrom(c.overrides, [...path, 'overrides']),
    });
  });

  doc.commitments.forEach((c, i) => {
    for (const plan of c.appliesTo?.plans ?? []) {
      if (!plans.has(plan))
        problem(['commitments', i, 'appliesTo', 'plans'], `no plan is named "${plan}"`);
    }
  });

  const metrics = compileMetrics(
    doc.metrics,
    consequences,
    new Set(doc.commitments.map((c) => c.id)),
    problem,
  );
  const notifications = compileNotifications(
    doc.notifications,
    timezone,
    consequences,
    channelKinds,
    problem,
  );
  const credits = compileCredits(doc.credits, problem);
  const reports = compileReports(doc.reports, doc.notifications, notifications, problem);

  const availability = compileAvailability(
    doc.availability,
    timezone,
    new Set(contracts.map((c) => c.id)),
    problem,
  );

  if (problems > 0) return undefined;
  return {
    metrics,
    availability,
    notifications,
    credits,
    reports,
    name: doc.name,
    timezone,
    currency,
    commitments,
    calendars,
    consequences,
    plans,
    contracts,
    hash: createHash('sha256').update(source).digest('hex'),
    source,
  };
}

interface CommitmentContext {
  calendarNamed(name: string | undefined, path: Path): BusinessCalendar;
  defaultCalendar: string | undefined;
  defaultWarnAt: number[];
  consequences: Map<string, Consequence>;
}

function compileCommitment(
  c: CommitmentDocument,
  path: Path,
  ctx: CommitmentContext,
  problem: Report,
): Commitment | undefined {
  let ok = true;
  const fail: Report = (p, m, k) => {
    ok = false;
    problem(p, m, k);
  };
  for (const name of c.onBreach ?? []) {
    if (!ctx.consequences.has(name)) {
      fail(
        [...path, 'onBreach'],
        `no consequence is named "${name}"; declare it under consequences (known: ${[...ctx.consequences.keys()].join(', ') || 'none'})`,
      );
    }
  }
  const base = {
    id: c.id,
    name: c.name,
    description: c.description,
    appliesTo: c.appliesTo ?? {},
    onBreach: c.onBreach ?? [],
  };
  const notFor = (field: keyof CommitmentDocument, why: string) => {
    if (c[field] !== undefined)
      fail([...path, field], `"${field}" does not apply to ${c.measure}: ${why}`, true);
  };

  if (isAggregateMeasure(c.measure)) {
    const measure = c.measure;
    for (const f of ['warnAt', 'pausesWhileWaiting', 'onReopen', 'attainment', 'calendar'] as const)
      notFor(f, 'it is a value over a window, not a clock');
    if (c.scale !== undefined && AGGREGATE_MEASURES[measure].unit !== 'score')
      notFor('scale', 'only scores have a scale');
    const target = parseTarget({ type: 'aggregate', measure, scale: c.scale }, c.target);
    if (typeof target === 'string') fail([...path, 'target'], target);
    const window = parseWindow(c.window ?? 'month');
    if (!window)
      fail(
        [...path, 'window'],
        `${c.measure} is measured over a window: "month" or rolling days like "30d"`,
      );
    if (!ok || typeof target !== 'object' || !window) return undefined;
    return {
      ...base,
      type: 'aggregate',
      measure,
      target,
      window,
      scale: AGGREGATE_MEASURES[measure].unit === 'score' ? (c.scale ?? 5) : undefined,
    };
  }

  const isTicket = isTicketClockMeasure(c.measure);
  const expectedWindow = isTicket ? 'ticket' : 'incident';
  if (c.window !== undefined && c.window !== expectedWindow) {
    fail(
      [...path, 'window'],
      `${c.measure} is a clock on each ${expectedWindow}; its window is "${expectedWindow}"`,
    );
  }
  notFor('scale', 'only scores have a scale');
  const targetMs = parseTarget({ type: 'ticket-clock', measure: c.measure }, c.target);
  if (typeof targetMs === 'string') fail([...path, 'target'], targetMs);
  const calendar = ctx.calendarNamed(
    c.calendar ?? ctx.defaultCalendar,
    c.calendar !== undefined ? [...path, 'calendar'] : ['defaults', 'calendar'],
  );
  const warnAt = c.warnAt ? percents(c.warnAt, [...path, 'warnAt'], fail) : ctx.defaultWarnAt;
  const attainment = c.attainment
    ? percents([c.attainment], [...path, 'attainment'], fail, true)[0]!
    : 1;
  if (!isTicket) {
    notFor('pausesWhileWaiting', 'incidents do not wait on customers');
    notFor('onReopen', 'incidents are not reopened');
  }
  if (!ok || typeof targetMs !== 'number') return undefined;
  if (isTicketClockMeasure(c.measure)) {
    const defaults = TICKET_CLOCK_MEASURES[c.measure];
    return {
      ...base,
      type: 'ticket-clock',
      measure: c.measure,
      targetMs,
      calendar,
      warnAt,
      attainment,
      pausesWhileWaiting: c.pausesWhileWaiting ?? defaults.pausesWhileWaiting,
      onReopen: c.onReopen ?? defaults.onReopen,
      stopsOn: defaults.stopsOn,
    };
  }
  return {
    ...base,
    type: 'incident-clock',
    measure: c.measure as 'incident_engagement',
    targetMs,
    calendar,
    warnAt,
    attainment,
  };
}

function parseWindow(text: string): Window | undefined {
  if (text === 'month') return { type: 'month' };
  const m = /^(\d+)d$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 366) return { type: 'rolling', days: Number(m[1]) };
  return undefined;
}

function percents(
  values: readonly string[],
  path: Path,
  problem: Report,
  allowHundred = false,
): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    const n = Number(v.slice(0, -1));
    const okRange = n > 0 && (allowHundred ? n <= 100 : n < 100);
    if (!okRange)
      problem(
        [...path, i],
        `${v} must be above 0% and ${allowHundred ? 'at most 100%' : 'below 100%'}`,
      );
    else out.push(n / 100);
  });
  return out.sort((a, b) => a - b);
}

function compileCalendar(
  name: string,
  cal: CalendarDocument,
  path: Path,
  problem: Report,
): BusinessCalendar | undefined {
  let ok = true;
  const fail: Report = (p, m, k) => {
    ok = false;
    problem(p, m, k);
  };
  if (!isValidTimeZone(cal.timezone))
    fail(
      [...path, 'timezone'],
      `"${cal.timezone}" is not an IANA time zone (like Asia/Shanghai or Europe/Berlin)`,
    );
  const weekly: DayRanges[] = [[], [], [], [], [], [], [], []];
  const claimedBy = new Map<number, string>();
  for (const [days, hours] of Object.entries(cal.hours)) {
    const weekdays = parseWeekdays(days);
    if (typeof weekdays === 'string') {
      fail([...path, 'hours', days], weekdays, true);
      continue;
    }
    const ranges = parseHours(hours);
    if (typeof ranges === 'string') {
      fail([...path, 'hours', days], ranges);
      continue;
    }
    for (const d of weekdays) {
      if (claimedBy.has(d))
        fail(
          [...path, 'hours', days],
          `"${days}" gives hours to a weekday that "${claimedBy.get(d)}" already covers`,
          true,
        );
      claimedBy.set(d, days);
      weekly[d] = ranges;
    }
  }
  const holidays = new Set<string>();
  (cal.holidays ?? []).forEach((h, i) => {
    const spec = typeof h === 'string' ? h : h.date;
    const dates = expandDates(spec);
    if (typeof dates === 'string') fail([...path, 'holidays', i], dates);
    else dates.forEach((d) => holidays.add(d));
  });
  const extra = new Map<string, DayRanges>();
  (cal.extraWorkingDays ?? []).forEach((x, i) => {
    const dates = expandDates(x.date);
    const ranges = parseHours(x.hours);
    if (typeof dates === 'string') fail([...path, 'extraWorkingDays', i, 'date'], dates);
    if (typeof ranges === 'string') fail([...path, 'extraWorkingDays', i, 'hours'], ranges);
    if (typeof dates !== 'string' && typeof ranges !== 'string')
      dates.forEach((d) => extra.set(d, ranges));
  });
  if (ok && weekly.every((r) => r.length === 0) && extra.size === 0) {
    fail(
      [...path, 'hours'],
      `calendar "${name}" is never open; give at least one weekday its hours`,
    );
  }
  if (!ok) return undefined;
  return workingHoursCalendar({
    name,
    timezone: cal.timezone,
    weekly,
    holidays,
    extraWorkingDays: extra,
  });
}
