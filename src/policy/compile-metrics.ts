import { HOUR, parseDuration } from '../domain/duration.js';
import type { Threshold } from '../domain/target.js';
import type { Path, Report } from './problem-report.js';
import type { Consequence, MetricAggregate, MetricRule, MetricsPolicy } from './policy.js';
import type { MetricsDocument } from './schema.js';

const MAX_WINDOW_MS = 6 * HOUR;

/** The metrics part of a policy: quantile series, threshold rules and anomaly alerts. */
export function compileMetrics(
  doc: MetricsDocument | undefined,
  consequences: ReadonlyMap<string, Consequence>,
  taken: ReadonlySet<string>,
  problem: Report,
): MetricsPolicy {
  const rules: MetricRule[] = [];
  const ids = new Map<string, number>();
  (doc?.rules ?? []).forEach((r, i) => {
    const path: Path = ['metrics', 'rules', i];
    let ok = true;
    const fail = (p: Path, m: string, key = false) => {
      ok = false;
      problem(p, m, key);
    };
    if (ids.has(r.id) || taken.has(r.id))
      fail(
        [...path, 'id'],
        `the id "${r.id}" is already used${ids.has(r.id) ? ` by metrics.rules[${ids.get(r.id)}]` : ' by a commitment'}`,
      );
    ids.set(r.id, i);
    if ((r.series === undefined) === (r.ratio === undefined))
      fail(
        path,
        'a rule watches either `series` (with an aggregate) or a `ratio` of two series, not both or neither',
      );
    if (r.ratio !== undefined && r.aggregate !== undefined)
      fail([...path, 'aggregate'], 'a ratio divides sums; it takes no aggregate', true);
    const over = parseDuration(r.over);
    if (over === undefined || over % 60_000 !== 0 || over < 60_000 || over > MAX_WINDOW_MS) {
      fail([...path, 'over'], `"${r.over}" is not a window of whole minutes from 1m to 6h`);
    }
    const target = parseMetricTarget(r.target, r.ratio !== undefined);
    if (typeof target === 'string') fail([...path, 'target'], target);
    for (const name of r.onBreach ?? []) {
      if (!consequences.has(name)) fail([...path, 'onBreach'], `no consequence is named "${name}"`);
    }
    if (!ok || typeof target === 'string' || over === undefined) return;
    rules.push({
      id: r.id,
      name: r.name,
      series: r.series,
      ratio: r.ratio,
      aggregate: (r.aggregate ?? 'mean') as MetricAggregate,
      overMs: over,
      target,
      onBreach: r.onBreach ?? [],
    });
  });
  const anomalies = (doc?.anomalies ?? []).map((a, i) => {
    for (const name of a.onAnomaly ?? []) {
      if (!consequences.has(name))
        problem(['metrics', 'anomalies', i, 'onAnomaly'], `no consequence is named "${name}"`);
    }
    return { series: a.series, minScore: a.minScore ?? 0.5, onAnomaly: a.onAnomaly ?? [] };
  });
  let raw = { windowMs: 3_600_000, series: [] as MetricsPolicy['raw']['series'] };
  if (doc?.raw) {
    const windowMs = parseDuration(doc.raw.window);
    if (windowMs === undefined || windowMs < 60_000 || windowMs > 7 * 86_400_000)
      problem(['metrics', 'raw', 'window'], `"${doc.raw.window}" is not a window from 1m to 7d`);
    else raw = { windowMs, series: doc.raw.series };
  }
  return { quantiles: doc?.quantiles ?? [], raw, rules, anomalies };
}

/** "<= 300", "> 0.5", "<= 1%": a comparison (the operator is required: which side is bad is not obvious for a metric). */
function parseMetricTarget(raw: string | number, ratio: boolean): Threshold | string {
  const m = /^\s*(>=|<=|>|<|≥|≤)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(%?)\s*$/i.exec(String(raw));
  if (!m)
    return `${JSON.stringify(raw)} is not a comparison; write it like "<= 300"${ratio ? ' or "<= 1%"' : ''}`;
  const op = m[1] === '≥' ? '>=' : m[1] === '≤' ? '<=' : (m[1] as Threshold['op']);
  if (ratio && m[3] !== '%')
    return `${JSON.stringify(raw)}: a ratio is compared in percent; write it like "<= 1%"`;
  return { op, value: Number(m[2]), unit: ratio ? 'percent' : 'number' };
}
