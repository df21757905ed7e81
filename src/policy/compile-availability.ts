import { createHash } from 'node:crypto';
import { MINUTE, SECOND, parseDuration } from '../domain/duration.js';
import { DEFAULT_BURN_RULES, type BurnRule } from './burn-rules.js';
import { parseMaintenance } from './maintenance-parse.js';
import { compileMonitor } from './monitors/compile-monitor.js';
import type {
  AvailabilityPolicy,
  HealthCheckSuite,
  PolicyMaintenance,
  PolicyMonitor,
  StressTestSpec,
} from './availability-policy.js';
import type { AvailabilityDocument } from './availability-schema.js';
import type { Path, Report } from './problem-report.js';
import { pointerToPath } from './source-map.js';

export const AVAILABILITY_DEFAULTS = {
  locations: ['local'],
  agentSilentAfter: 2 * MINUTE,
  healthCheckTimes: [8 * 60, 14 * 60, 20 * 60],
  stressEvery: 'every week on sun 03:00-05:00',
  stressRequests: 2_000,
  stressConcurrency: 16,
  stressMaxDuration: 60 * SECOND,
} as const;

/** The monitor's own definition and its locations, split: the monitor schema knows nothing of locations. */
export function splitLocations(def: Record<string, unknown>): {
  definition: Record<string, unknown>;
  locations: unknown;
} {
  const { locations, ...definition } = def;
  return { definition, locations };
}

export function compileAvailability(
  doc: AvailabilityDocument | undefined,
  timezone: string,
  customers: ReadonlySet<string>,
  problem: Report,
): AvailabilityPolicy {
  const base: Path = ['availability'];
  const locations = doc?.locations ?? [...AVAILABILITY_DEFAULTS.locations];
  let agentSilentAfterMs: number = AVAILABILITY_DEFAULTS.agentSilentAfter;
  if (doc?.agentSilentAfter !== undefined) {
    const ms = parseDuration(doc.agentSilentAfter);
    if (ms === undefined || ms < 10 * SECOND)
      problem(
        [...base, 'agentSilentAfter'],
        `"${doc.agentSilentAfter}" is not a duration of at least 10s`,
      );
    else agentSilentAfterMs = ms;
  }

  const monitors: PolicyMonitor[] = [];
  const ids = new Map<string, number>();
  const serviceCustomer = new Map<string, string | undefined>();
  (doc?.monitors ?? []).forEach((raw, i) => {
    const path: Path = [...base, 'monitors', i];
    const { definition, locations: own } = splitLocations(raw as Record<string, unknown>);
    const id = typeof definition.id === 'string' ? definition.id : undefined;
    if (id !== undefined && ids.has(id))
      problem(
        [...path, 'id'],
        `the monitor id "${id}" is already used by availability.monitors[${ids.get(id)}]`,
      );
    else if (id !== undefined) ids.set(id, i);
    const compiled = compileMonitor(definition, '');
    if (!compiled.ok) {
      for (const p of compiled.problems)
        problem(
          [...path, ...pointerToPath(p.path)],
          p.message,
          p.message.startsWith('unknown field'),
        );
      return;
    }
    const m = compiled.monitor;
    if (m.customer !== undefined && !customers.has(m.customer))
      problem([...path, 'customer'], `no customer "${m.customer}" is declared under customers`);
    if (serviceCustomer.has(m.service) && serviceCustomer.get(m.service) !== m.customer) {
      problem(
        [...path, 'customer'],
        `service "${m.service}" already belongs to ${describeCustomer(serviceCustomer.get(m.service))}; every monitor of a service counts for the same contract`,
      );
    }
    serviceCustomer.set(m.service, m.customer);
    const where = checkLocations(own, [...path, 'locations'], problem);
    if (m.type === 'heartbeat' && where && where.some((l) => l !== 'local'))
      problem(
        [...path, 'locations'],
        'a heartbeat is pinged at the server, so it runs at location local only',
      );
    monitors.push({
      definition,
      monitor: m,
      locations: m.type === 'heartbeat' ? ['local'] : (where ?? locations),
    });
  });
  if (
    doc?.quorum !== undefined &&
    doc.quorum > Math.max(locations.length, ...monitors.map((m) => m.locations.length))
  ) {
    problem(
      [...base, 'quorum'],
      `a quorum of ${doc.quorum} needs at least ${doc.quorum} locations; ${locations.length} are configured`,
    );
  }

  const maintenance: PolicyMaintenance[] = [];
  (doc?.maintenance ?? []).forEach((w, i) => {
    const parsed = parseMaintenance(w.window, timezone);
    if (!parsed.ok)
      return problem([...base, 'maintenance', i, 'window'], parsed.problems.join('; '));
    const key = createHash('sha256')
      .update(`${w.service ?? '*'}\n${w.window}`)
      .digest('hex')
      .slice(0, 16);
    maintenance.push({
      key,
      service: w.service,
      title: w.title ?? w.window,
      spec: w.window,
      window: parsed.window,
    });
  });

  const burnRules: BurnRule[] = [];
  (doc?.burnAlerts ?? []).forEach((r, i) => {
    const long = parseDuration(r.long);
    const short = parseDuration(r.short);
    if (long === undefined)
      problem([...base, 'burnAlerts', i, 'long'], `"${r.long}" is not a duration`);
    if (short === undefined)
      problem([...base, 'burnAlerts', i, 'short'], `"${r.short}" is not a duration`);
    if (long !== undefined && short !== undefined && !(short > 0 && long > short))
      problem(
        [...base, 'burnAlerts', i, 'short'],
        'the short window must be shorter than the long one',
      );
    if (long !== undefined && short !== undefined)
      burnRules.push({
        name: r.name,
        longWindowMs: long,
        shortWindowMs: short,
        factor: r.factor,
        severity: r.severity,
      });
  });

  const healthChecks: HealthCheckSuite[] = (
    doc?.healthChecks ?? [{ id: 'health', name: 'Health checks (three times a day)' }]
  ).map((h, i) => {
    for (const [k, id] of (h.monitors ?? []).entries()) {
      if (!ids.has(id))
        problem(
          [...base, 'healthChecks', i, 'monitors', k],
          `no monitor "${id}" is declared under availability.monitors`,
        );
    }
    const at = (h.at ?? []).map((t, k) => {
      const [hh, mm] = t.split(':').map(Number) as [number, number];
      if (hh > 23 || mm > 59)
        problem(
          [...base, 'healthChecks', i, 'at', k],
          `"${t}" is not a time of day (00:00 to 23:59)`,
        );
      return hh * 60 + mm;
    });
    return {
      id: h.id,
      name: h.name ?? h.id,
      monitors: h.monitors,
      at: at.length > 0 ? at.sort((a, b) => a - b) : [...AVAILABILITY_DEFAULTS.healthCheckTimes],
    };
  });

  const stressTests: StressTestSpec[] = [];
  (doc?.stressTests ?? []).forEach((s, i) => {
    const path: Path = [...base, 'stressTests', i];
    const every = s.every ?? AVAILABILITY_DEFAULTS.stressEvery;
    const parsed = parseMaintenance(every, timezone);
    if (!parsed.ok || parsed.window.kind !== 'recurring')
      problem(
        [...path, 'every'],
        parsed.ok
          ? 'a stress test recurs: write it like "every week on sun 03:00-05:00"'
          : parsed.problems.join('; '),
      );
    if (s.target !== undefined && !isLoopbackUrl(s.target))
      problem(
        [...path, 'target'],
        `${JSON.stringify(s.target)} is not an http(s) URL on this machine (127.0.0.1, ::1 or localhost); Surety loads only loopback targets itself, post results of other runs instead`,
      );
    const ms = (key: 'maxDuration' | 'maxP99', fallback: number | undefined) => {
      const raw = s[key];
      if (raw === undefined) return fallback;
      const v = parseDuration(raw);
      if (v === undefined || v <= 0) problem([...path, key], `"${raw}" is not a duration`);
      return v;
    };
    const maxDurationMs = ms('maxDuration', AVAILABILITY_DEFAULTS.stressMaxDuration)!;
    if (maxDurationMs > 10 * MINUTE)
      problem([...path, 'maxDuration'], 'a stress run is bounded to 10m at most');
    if (parsed.ok && parsed.window.kind === 'recurring') {
      stressTests.push({
        id: s.id,
        name: s.name ?? s.id,
        every,
        window: parsed.window,
        target: s.target,
        requests: s.requests ?? AVAILABILITY_DEFAULTS.stressRequests,
        concurrency: s.concurrency ?? AVAILABILITY_DEFAULTS.stressConcurrency,
        maxDurationMs,
        maxP99Ms: ms('maxP99', undefined),
        maxErrorRatePercent:
          s.maxErrorRate === undefined ? undefined : Number(s.maxErrorRate.slice(0, -1)),
      });
    }
  });

  return {
    locations,
    quorum: doc?.quorum,
    agentSilentAfterMs,
    monitors,
    maintenance,
    burnRules: burnRules.length > 0 ? burnRules : DEFAULT_BURN_RULES,
    healthChecks,
    stressTests,
  };
}

function checkLocations(raw: unknown, path: Path, problem: Report): string[] | undefined {
  if (raw === undefined) return undefined;
  if (
    !Array.isArray(raw) ||
    raw.length === 0 ||
    raw.some((l) => typeof l !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(l))
  ) {
    problem(
      path,
      'locations is a list of location names like [local, frankfurt] (lower-case letters, digits, "-" or "_")',
    );
    return undefined;
  }
  return [...new Set(raw as string[])];
}

export function isLoopbackUrl(text: string): boolean {
  try {
    const u = new URL(text);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      (host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))
    );
  } catch {
    return false;
  }
}

const describeCustomer = (c: string | undefined) =>
  c === undefined ? 'no customer (shared)' : `customer "${c}"`;
