// The policy's reports section: schedules resolved against the notifications section, and
// every broken reference reported with where it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePolicyText } from '../../src/runtime/policy-file.js';

const BASE = `surety: 1
name: { en: Test, zh: 测试 }
timezone: Asia/Shanghai
commitments:
  - { id: C-01, name: { en: First response, zh: 首次响应 }, measure: first_response, target: 15m }
notifications:
  language: zh
  channels:
    mail: { type: email, smtp: { host: 127.0.0.1, port: 25 }, from: surety@example.com, to: [desk@example.com] }
    chat: { type: slack, url: "https://hooks.slack.com/services/T/B/X" }
    off: { type: slack, enabled: false, url: "https://hooks.slack.com/services/T/B/Y" }
  people:
    wang: { name: 王芳, email: wang@example.com }
    li: { name: 李伟, email: li@example.com }
    nomail: { name: No Mail }
  teams: { management: [wang, li] }
`;

describe('report schedules in the policy', () => {
  test('compile with their defaults; teams are expanded to their members, once each', () => {
    const { policy, problems } = parsePolicyText(
      `${BASE}reports:\n  schedules:\n    review: { report: monthly, to: ["team:management", "person:wang", "channel:chat"] }\n    daily: { report: daily, at: "07:45", language: en, format: html, to: ["person:li"], customer: acme }\n`,
      'p.yaml',
    );
    assert.deepEqual(problems, []);
    const review = policy!.reports.schedules.get('review')!;
    assert.deepEqual(
      [review.kind, review.atMinutes, review.language, review.format, review.customer],
      ['monthly', 8 * 60, 'zh', 'pdf', undefined],
    );
    assert.deepEqual(review.to, [
      { kind: 'person', id: 'wang' },
      { kind: 'person', id: 'li' },
      { kind: 'channel', id: 'chat' },
    ]);
    const daily = policy!.reports.schedules.get('daily')!;
    assert.deepEqual(
      [daily.atMinutes, daily.language, daily.format, daily.customer],
      [7 * 60 + 45, 'en', 'html', 'acme'],
    );
  });

  test('broken references are reported with line and column', () => {
    const text = `${BASE}reports:\n  schedules:\n    bad:\n      report: monthly\n      at: "25:00"\n      to: ["person:nobody", "team:none", "channel:off", "person:nomail", "channel:gone"]\n    worse: { report: yearly, to: [] }\n`;
    const { policy, problems } = parsePolicyText(text, 'p.yaml');
    assert.equal(policy, undefined);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const find = (re: RegExp) => problems.find((p) => re.test(p.message));
    assert.equal(find(/"25:00" is not a time of day/)?.line, line('at: "25:00"'));
    assert.ok(find(/no person is named "nobody"/));
    assert.ok(find(/no team is named "none"/));
    assert.ok(find(/the channel "off" is disabled/));
    assert.ok(find(/No Mail has no e-mail address/));
    assert.ok(find(/no channel is named "gone"/));
    assert.ok(
      problems.some((p) => p.path.startsWith('reports.schedules.bad.to') || p.path.includes('to')),
      JSON.stringify(problems),
    );
    assert.ok(
      problems.some((p) => p.line === line('worse:')),
      'the unknown report kind and the empty list, at their line',
    );
  });

  test('a disabled schedule may name what is not set up yet', () => {
    const text =
      BASE.replace(/ {4}mail: .*\n/, '') +
      'reports:\n  schedules:\n    later: { report: monthly, to: ["person:wang", "channel:off"], enabled: false }\n';
    const { policy, problems } = parsePolicyText(text, 'p.yaml');
    assert.deepEqual(problems, []);
    assert.equal(policy!.reports.schedules.size, 0);
  });

  test('a person is reached by e-mail, so without an e-mail channel a schedule for a person is refused', () => {
    const text =
      BASE.replace(/ {4}mail: .*\n/, '') +
      'reports:\n  schedules:\n    review: { report: monthly, to: ["person:wang"] }\n';
    const { problems } = parsePolicyText(text, 'p.yaml');
    assert.ok(
      problems.some((p) => /no e-mail channel is enabled/.test(p.message)),
      JSON.stringify(problems),
    );
  });
});
