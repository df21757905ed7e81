import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RuleEngine } from '../../../src/evaluate/metrics/rule-engine.js';
import { parseSeriesKey } from '../../../src/evaluate/metrics/series-key.js';
import { policyFrom } from '../../helpers/policy.js';
import { MINUTE } from '../../../src/domain/duration.js';

const T0 = Date.parse('2026-10-05T08:00:00Z');

const policy = policyFrom(`
surety: 1
name: { en: Metrics, zh: 指标 }
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 15m }
consequences:
  page: { type: escalate }
metrics:
  rules:
    - id: M-LAT
      name: { en: API p95 latency, zh: 接口P95延迟 }
      series: { measurement: http, field: latency_ms, tags: { service: api } }
      aggregate: p95
      over: 5m
      target: "<= 300"
      onBreach: [page]
    - id: M-ERR
      name: { en: Error ratio, zh: 错误率 }
      ratio:
        numerator: { measurement: http, field: errors }
        denominator: { measurement: http, field: requests }
      over: 5m
      target: "<= 1%"
    - id: M-CPU
      name: { en: CPU, zh: CPU }
      series: { measurement: cpu, field: usage }
      aggregate: mean
      over: 2m
      target: "<= 85"
  anomalies:
    - series: { measurement: cpu, field: usage, tags: { host: watched } }
`);

function engine() {
  const e = new RuleEngine(policy.metrics.rules, policy.metrics.anomalies);
  const keys = [
    'http,service=api latency_ms',
    'http,service=web latency_ms',
    'http,service=api errors',
    'http,service=api requests',
    'cpu,host=a usage',
    'cpu,host=b usage',
    'cpu,host=watched usage',
    'cpu,host=other usage',
  ];
  keys.forEach((k, i) => e.attach(i, parseSeriesKey(k)));
  return e;
}

describe('metric rules', () => {
  test('p95 over 5 minutes breaches when the slow tail grows, and recovers', () => {
    const e = engine();
    // Five minutes of mostly fast requests: 100 per minute, 2 slow ones (p95 well under 300).
    for (let m = 0; m < 5; m++)
      for (let i = 0; i < 100; i++)
        e.observe(0, T0 + m * MINUTE + i * 100, i < 98 ? 100 + i : 900, 0);
    assert.deepEqual(e.evaluate(T0 + 5 * MINUTE), []);
    // A minute with 20 % slow requests pushes the 5-minute p95 past 300.
    for (let i = 0; i < 100; i++) e.observe(0, T0 + 5 * MINUTE + i * 100, i < 80 ? 120 : 1200, 0);
    const [breach] = e.evaluate(T0 + 6 * MINUTE + 1);
    assert.equal(breach!.type, 'metric.breached');
    assert.equal(breach!.rule.id, 'M-LAT');
    assert.equal(breach!.series, 0);
    assert.deepEqual([breach!.from, breach!.to], [T0 + MINUTE, T0 + 6 * MINUTE]);
    assert.ok(breach!.value > 300);
    assert.deepEqual(e.evaluate(T0 + 6 * MINUTE + 5000), [], 'once a minute');
    // Five quiet minutes later the window no longer holds the slow minute.
    for (let m = 6; m < 11; m++)
      for (let i = 0; i < 100; i++) e.observe(0, T0 + m * MINUTE + i * 100, 100, 0);
    const [recovered] = e.evaluate(T0 + 11 * MINUTE);
    assert.equal(recovered!.type, 'metric.recovered');
  });

  test('a series outside the selector feeds nothing', () => {
    const e = engine();
    for (let i = 0; i < 100; i++) e.observe(1, T0 + i, 5000, 0); // service=web
    assert.deepEqual(e.evaluate(T0 + 2 * MINUTE), []);
  });

  test('error ratio = errors / requests over the window, in percent', () => {
    const e = engine();
    for (let m = 0; m < 5; m++) {
      e.observe(3, T0 + m * MINUTE, 1000, 0); // requests
      e.observe(2, T0 + m * MINUTE, m === 4 ? 60 : 0, 0); // errors: 60 of 5000 = 1.2 %
    }
    const [t] = e.evaluate(T0 + 5 * MINUTE);
    assert.equal(t!.rule.id, 'M-ERR');
    assert.equal(t!.value, 1.2);
    assert.equal(t!.series, undefined);
  });

  test('each matching series is judged on its own', () => {
    const e = engine();
    for (let m = 0; m < 2; m++) {
      e.observe(4, T0 + m * MINUTE, 95, 0); // host a: hot
      e.observe(5, T0 + m * MINUTE, 20, 0); // host b: fine
    }
    const out = e.evaluate(T0 + 2 * MINUTE);
    assert.deepEqual(
      out.map((t) => [t.rule.id, t.series, t.value]),
      [['M-CPU', 4, 95]],
    );
  });

  test('anomaly alerts come only from selected series, once a minute', () => {
    const e = engine();
    e.observe(6, T0, 50, 0.9);
    e.observe(6, T0 + 1000, 55, 0.95); // same minute: no second alert
    e.observe(7, T0, 50, 0.99); // not selected
    e.observe(6, T0 + MINUTE, 50, 0.2); // below the score
    e.observe(6, T0 + 2 * MINUTE, 50, 0.6);
    assert.deepEqual(
      e.takeAlerts().map((a) => [a.series, a.at, a.score]),
      [
        [6, T0, 0.9],
        [6, T0 + 2 * MINUTE, 0.6],
      ],
    );
    assert.deepEqual(e.takeAlerts(), []);
  });
});

describe('rules of every aggregate on one series', () => {
  const aggregates = ['mean', 'sum', 'count', 'min', 'max', 'last', 'p50'] as const;
  const many = policyFrom(`
surety: 1
name: { en: Metrics, zh: 指标 }
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 15m }
metrics:
  rules:
${aggregates.map((a) => `    - { id: R-${a}, name: { en: ${a}, zh: ${a} }, series: { measurement: q }, aggregate: ${a}, over: 3m, target: "< -1000" }`).join('\n')}
`);

  test('each window reads the value its aggregate names, wide and narrow slots side by side', () => {
    const e = new RuleEngine(many.metrics.rules, many.metrics.anomalies);
    e.attach(0, parseSeriesKey('q v'));
    // Three minutes in the window, one before it (outside); within a minute the last point is not the largest.
    const points: Array<[number, number]> = [
      [T0 - MINUTE + 5, 1000],
      [T0 + 1_000, 4],
      [T0 + 2_000, 9],
      [T0 + MINUTE + 1_000, -2],
      [T0 + 2 * MINUTE + 3_000, 7],
      [T0 + 2 * MINUTE + 1_000, 5],
    ];
    for (const [t, v] of points) e.observe(0, t, v, 0);
    const values = new Map(e.evaluate(T0 + 3 * MINUTE).map((t) => [t.rule.id, t.value]));
    const inside = [4, 9, -2, 7, 5];
    assert.equal(values.get('R-mean'), inside.reduce((a, b) => a + b) / inside.length);
    assert.equal(values.get('R-sum'), 23);
    assert.equal(values.get('R-count'), 5);
    assert.equal(values.get('R-min'), -2);
    assert.equal(values.get('R-max'), 9);
    assert.equal(values.get('R-last'), 7, 'the latest point by time, not the last to arrive');
    assert.ok(Math.abs(values.get('R-p50')! - 5) <= 0.05, String(values.get('R-p50')));
  });
});

describe('metric rules in the policy file', () => {
  test('mistakes are named with their place', async () => {
    const { parsePolicyText } = await import('../../../src/runtime/policy-file.js');
    const text = [
      'surety: 1',
      'name: { en: M, zh: 指 }',
      'commitments:',
      '  - { id: C-01, name: { en: A, zh: 甲 }, measure: first_response, target: 15m }',
      'metrics:',
      '  rules:',
      '    - { id: C-01, name: { en: X, zh: 叉 }, series: { measurement: cpu }, over: 90s, target: "85" }',
      '    - { id: R2, name: { en: Y, zh: 乙 }, ratio: { numerator: { measurement: a }, denominator: { measurement: b } }, aggregate: mean, over: 5m, target: "<= 1" }',
    ].join('\n');
    const problems = parsePolicyText(text, 'm.yaml').problems.map(
      (p) => `${p.line}: ${p.path}: ${p.message}`,
    );
    assert.ok(
      problems.some((p) =>
        /^7: metrics.rules\[0\].id: the id "C-01" is already used by a commitment/.test(p),
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) =>
        /^7: metrics.rules\[0\].over: "90s" is not a window of whole minutes/.test(p),
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /^7: metrics.rules\[0\].target: "85" is not a comparison/.test(p)),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /^8: metrics.rules\[1\].aggregate: a ratio divides sums/.test(p)),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /^8: metrics.rules\[1\].target: .*compared in percent/.test(p)),
      problems.join('\n'),
    );
  });
});
