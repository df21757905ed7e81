import type { BusinessCalendar } from './calendar.js';
import {
  AGGREGATE_MEASURES,
  TICKET_CLOCK_MEASURES,
  isAggregateMeasure,
  isTicketClockMeasure,
} from './measures.js';
import type { Commitment, Consequence, Window } from './policy.js';
import type { Path, Report } from './problem-report.js';
import { percents } from './percents.js';
import type { CommitmentDocument } from './schema.js';
import { parseTarget } from './targets.js';

export interface CommitmentContext {
  calendarNamed(name: string | undefined, path: Path): BusinessCalendar;
  defaultCalendar: string | undefined;
  defaultWarnAt: number[];
  consequences: Map<string, Consequence>;
}

export function compileCommitment(
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
    for (const f of [
      'warnAt',
      'pausesWhileWaiting',
      'onReopen',
      'closedWithoutSolution',
      'attainment',
      'calendar',
    ] as const)
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
    notFor('closedWithoutSolution', 'an incident ends only when it is resolved');
  } else if (
    isTicketClockMeasure(c.measure) &&
    TICKET_CLOCK_MEASURES[c.measure].endsOn.length === 0
  ) {
    notFor(
      'closedWithoutSolution',
      'closing a ticket stops this clock as met; only staged_solution, solution and resolution clocks can be closed without their solution',
    );
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
      endsOn: defaults.endsOn,
      closedWithoutSolution: c.closedWithoutSolution ?? 'cancel',
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
