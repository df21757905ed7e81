import type { Instant } from '../../domain/time.js';
import type { AnomalyAlert, RuleTransition } from '../../evaluate/metrics/rule-engine.js';
import { parseSeriesKey } from '../../evaluate/metrics/series-key.js';
import { formatThreshold } from '../../policy/format-target.js';
import type { NewSignal } from '../store/index.js';

/**
 * Metric rule transitions and anomaly alerts as signals for the event stream, naming the
 * series, the window and the values behind them. `keys` holds the key of every series named.
 */
export function ruleSignals(
  transitions: readonly RuleTransition[],
  alerts: readonly AnomalyAlert[],
  keys: ReadonlyMap<number, string>,
  now: Instant,
): NewSignal[] {
  const describe = (id: number) => {
    const key = keys.get(id) ?? '';
    return { key: Buffer.from(key, 'latin1').toString('utf8'), ...parseSeriesKey(key) };
  };
  const out: NewSignal[] = [];
  for (const t of transitions) {
    const series = t.series === undefined ? undefined : describe(t.series);
    out.push({
      at: t.to,
      recordedAt: now,
      type: t.type,
      subjectType: series ? 'series' : 'metric-rule',
      subjectId: series ? series.key : t.rule.id,
      commitment: t.rule.id,
      customer: null,
      data: {
        rule: t.rule.id,
        name: t.rule.name,
        ...(series
          ? { series: { measurement: series.measurement, tags: series.tags, field: series.field } }
          : { ratio: t.rule.ratio }),
        aggregate: t.rule.ratio ? 'ratio' : t.rule.aggregate,
        window: { from: new Date(t.from).toISOString(), to: new Date(t.to).toISOString() },
        value: t.value,
        target: formatThreshold(t.rule.target),
        onBreach: t.rule.onBreach,
      },
      dedupeKey: `metric:${t.rule.id}:${series?.key ?? '*'}:${t.type}:${t.to}`,
    });
  }
  for (const a of alerts) {
    const series = describe(a.series);
    out.push({
      at: a.at,
      recordedAt: now,
      type: 'metric.anomaly',
      subjectType: 'series',
      subjectId: series.key,
      commitment: null,
      customer: null,
      data: {
        series: { measurement: series.measurement, tags: series.tags, field: series.field },
        value: a.value,
        score: a.score,
        minScore: a.rule.minScore,
        onAnomaly: a.rule.onAnomaly,
      },
      dedupeKey: `anomaly:${a.series}:${Math.floor(a.at / 60_000)}`,
    });
  }
  return out;
}
