import { DAY, MINUTE, parseDuration } from '../domain/duration.js';
import type { ChannelKindRules } from './channel-kind-rules.js';
import type { Path, Report } from './problem-report.js';
import { createHash } from 'node:crypto';
import { isCurrencyCode } from '../domain/money.js';
import { ALWAYS_OPEN, alwaysOpen, isValidTimeZone, type BusinessCalendar } from './calendar.js';
import { compileCalendar } from './compile-calendar.js';
import { compileCommitment } from './compile-commitment.js';
import { percents } from './percents.js';
import type { Commitment, Consequence, Contract, Plan, Policy, TargetValue } from './policy.js';
import type { PolicyDocument } from './schema.js';
import { parseTarget } from './targets.js';
import { compileMetrics } from './compile-metrics.js';
import { compileAvailability } from './compile-availability.js';
import { compileConsequenceRule, compileCredits } from './compile-consequences.js';
import { compileNotifications } from './compile-notifications.js';
import { compileReports } from './compile-reports.js';
import { parseEffectiveFrom } from './effective-from.js';

const DEFAULT_WARN_AT = [0.75, 0.9];
/** A month closes this long after it ends unless the policy says otherwise. */
const DEFAULT_CLOSE_AFTER = 10 * DAY;

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
  let lateEntryToleranceMs = 5 * MINUTE;
  if (doc.lateEntryTolerance !== undefined) {
    const ms = parseDuration(doc.lateEntryTolerance);
    if (ms === undefined || ms < 0 || ms > DAY)
      problem(
        ['lateEntryTolerance'],
        `"${doc.lateEntryTolerance}" is not a duration between 0s and 1d, like 5m`,
      );
    else lateEntryToleranceMs = ms;
  }
  let effectiveFrom: number | undefined;
  if (doc.effectiveFrom !== undefined && isValidTimeZone(timezone)) {
    effectiveFrom = parseEffectiveFrom(doc.effectiveFrom, timezone);
    if (effectiveFrom === undefined)
      problem(
        ['effectiveFrom'],
        `"${doc.effectiveFrom}" is not a date (2026-11-01, midnight in ${timezone}), a local date-time (2026-11-01T09:00) or a date-time with an offset (2026-11-01T01:00:00Z)`,
      );
  }
  let closeAfterMs: number | null = DEFAULT_CLOSE_AFTER;
  if (doc.closeAfter === 'never') closeAfterMs = null;
  else if (doc.closeAfter !== undefined) {
    const ms = parseDuration(doc.closeAfter);
    if (ms === undefined || ms < 0 || ms > 366 * DAY)
      problem(
        ['closeAfter'],
        `"${doc.closeAfter}" is not a duration between 0s and 366d, like 10d (how long after a month ends it closes), or never (months close only when their statement is issued)`,
      );
    else closeAfterMs = ms;
  }
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
    lateEntryToleranceMs,
    effectiveFrom,
    closeAfterMs,
    commitments,
    calendars,
    consequences,
    plans,
    contracts,
    hash: createHash('sha256').update(source).digest('hex'),
    source,
  };
}
