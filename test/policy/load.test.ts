import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../src/domain/duration.js';
import type { PolicyProblem } from '../../src/policy/load.js';
import { parsePolicyText } from '../../src/runtime/policy-file.js';
import { DEFAULT_POLICY } from '../../src/runtime/paths.js';

const problemsOf = (text: string): PolicyProblem[] => parsePolicyText(text, 'p.yaml').problems;
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the shipped guarantee', () => {
  const { policy, problems } = parsePolicyText(
    readFileSync(DEFAULT_POLICY, 'utf8'),
    'guarantee.yaml',
  );

  test('is valid', () => assert.deepEqual(problems, []));

  test('encodes all twelve commitments with their targets, in English and Chinese', () => {
    const byId = new Map(policy!.commitments.map((c) => [c.id, c]));
    for (let i = 1; i <= 12; i++) {
      const c = byId.get(`C-${String(i).padStart(2, '0')}`);
      assert.ok(c, `C-${i} is missing`);
      assert.ok(c.name.en && c.name.zh);
    }
    const clock = (id: string) =>
      byId.get(id) as {
        targetMs: number;
        measure: string;
        appliesTo: object;
        pausesWhileWaiting: boolean;
      };
    assert.equal(clock('C-01').targetMs, 15 * MINUTE);
    assert.deepEqual(clock('C-01').appliesTo, {});
    assert.equal(clock('C-01').pausesWhileWaiting, false);
    assert.equal(clock('C-02').targetMs, 2 * HOUR);
    assert.equal(clock('C-02').pausesWhileWaiting, true);
    assert.equal(clock('C-03').targetMs, 24 * HOUR);
    assert.equal(clock('C-04').targetMs, 72 * HOUR);
    const agg = (id: string) => (byId.get(id) as { target: { op: string; value: number } }).target;
    assert.deepEqual(agg('C-05'), { op: '>=', value: 99.9, unit: 'percent' });
    assert.deepEqual(agg('C-06'), { op: '<=', value: 30 * MINUTE, unit: 'duration' });
    assert.deepEqual(agg('C-07'), { op: '>=', value: 100, unit: 'percent' });
    assert.deepEqual(agg('C-08'), { op: '<=', value: 4 * HOUR, unit: 'duration' });
    assert.deepEqual(agg('C-09'), { op: '>=', value: 4.5, unit: 'score' });
    assert.deepEqual(agg('C-10'), { op: '>=', value: 98, unit: 'percent' });
    assert.deepEqual(agg('C-11'), { op: '<=', value: 2, unit: 'percent' });
    assert.deepEqual(agg('C-12'), { op: '>=', value: 85, unit: 'percent' });
  });

  test('names the breach consequences of the response standards', () => {
    const c1 = policy!.commitments.find((c) => c.id === 'C-01')!;
    assert.deepEqual(c1.onBreach, ['response-timeout-credit', 'expedite']);
    assert.equal(
      policy!.consequences.get('response-timeout-credit')!.settings.percentOfMonthlyFee,
      5,
    );
  });
});

describe('problems are reported with file:line:column, all of them', () => {
  test('YAML syntax errors', () => {
    const p = problemsOf('surety: 1\nname: [unclosed\ncommitments: []\n');
    assert.ok(p.length >= 1);
    assert.equal(p[0]!.file, 'p.yaml');
    assert.match(p[0]!.message, /YAML syntax/);
  });

  test('duplicate keys', () => {
    const text = 'surety: 1\nsurety: 1\n';
    const p = problemsOf(text);
    assert.ok(p.some((x) => x.line === 2 && /appears twice/.test(x.message)));
  });

  test('structure and meaning in one pass', () => {
    const text = [
      'surety: 1',
      'name: { en: Test }',
      'timezon: UTC',
      'commitments:',
      '  - id: C-01',
      '    name: { en: A, zh: 甲 }',
      '    measure: first_response',
      '    target: 15x',
      '    calendar: nowhere',
      '  - id: C-01',
      '    name: { en: B, zh: 乙 }',
      '    measure: uptime',
      '    target: "<= 99%"',
      '    onBreach: [refund]',
      '  - id: C-03',
      '    name: { en: C, zh: 丙 }',
      '    measure: bogus',
      '    target: 1h',
      '',
    ].join('\n');
    const p = problemsOf(text);
    const find = (path: string) => p.find((x) => x.path === path);
    assert.equal(find('name.zh')?.line, 2);
    assert.equal(find('timezon')?.line, 3);
    assert.equal(find('timezon')?.column, 1);
    assert.match(find('timezon')!.message, /unknown field/);
    assert.equal(find('commitments[0].target')?.line, lineOf(text, '15x'));
    assert.match(find('commitments[0].target')!.message, /not a duration/);
    assert.match(find('commitments[0].calendar')!.message, /no calendar is named "nowhere"/);
    assert.match(find('commitments[1].id')!.message, /already used/);
    assert.match(find('commitments[1].target')!.message, /wrong way/);
    assert.match(find('commitments[1].onBreach')!.message, /no consequence is named "refund"/);
    assert.equal(find('commitments[2].measure')?.line, lineOf(text, 'bogus'));
    assert.equal(p.length, 8, p.map((x) => `${x.path}: ${x.message}`).join('\n'));
    // In file order, so a reader can walk down the file.
    assert.deepEqual(
      p.map((x) => x.line),
      [...p.map((x) => x.line)].sort((a, b) => a - b),
    );
  });

  test('calendar problems', () => {
    const text = [
      'surety: 1',
      'name: { en: T, zh: 测 }',
      'calendars:',
      '  office:',
      '    timezone: Mars/Olympus',
      '    hours: { mon-fri: "09:00-17:00", fri: "10:00-12:00", sat: "18:00-09:00" }',
      '    holidays: [2026-02-30]',
      'commitments:',
      '  - { id: X, name: { en: X, zh: 叉 }, measure: resolution, target: 8h, calendar: office }',
    ].join('\n');
    const messages = problemsOf(text).map((x) => `${x.line}:${x.path}: ${x.message}`);
    assert.ok(
      messages.some((m) => /^5:.*not an IANA time zone/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^6:.*already covers/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^6:.*ends before it starts/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^7:.*not a real date/.test(m)),
      messages.join('\n'),
    );
  });

  test('overrides must name real commitments with targets of the right kind', () => {
    const text = [
      'surety: 1',
      'name: { en: T, zh: 测 }',
      'commitments:',
      '  - { id: C-01, name: { en: A, zh: 甲 }, measure: first_response, target: 15m }',
      'plans:',
      '  gold: { overrides: { C-01: ">= 99%", C-99: 5m } }',
      'customers:',
      '  - { id: acme, name: ACME, plan: silver, monthlyFee: 100 }',
    ].join('\n');
    const p = problemsOf(text);
    assert.ok(
      p.some((x) => x.path === 'plans.gold.overrides.C-01' && /not a duration/.test(x.message)),
    );
    assert.ok(
      p.some((x) => x.path === 'plans.gold.overrides.C-99' && /no commitment/.test(x.message)),
    );
    assert.ok(
      p.some((x) => x.path === 'customers[0].plan' && /no plan is named "silver"/.test(x.message)),
    );
  });
});

describe('closedWithoutSolution', () => {
  const commitments = (...lines: string[]) =>
    ['surety: 1', 'name: { en: T, zh: 测 }', 'commitments:', ...lines].join('\n');

  test('is cancel by default, and breach where a commitment says so', () => {
    const { policy, problems } = parsePolicyText(
      commitments(
        '  - { id: S, name: { en: S, zh: 甲 }, measure: solution, target: 2h }',
        '  - { id: R, name: { en: R, zh: 乙 }, measure: resolution, target: 1d, closedWithoutSolution: breach }',
        '  - { id: G, name: { en: G, zh: 丙 }, measure: staged_solution, target: 3d, closedWithoutSolution: cancel }',
      ),
      'p.yaml',
    );
    assert.deepEqual(problems, []);
    const rule = (id: string) =>
      (policy!.commitments.find((c) => c.id === id) as { closedWithoutSolution: string })
        .closedWithoutSolution;
    assert.equal(rule('S'), 'cancel');
    assert.equal(rule('R'), 'breach');
    assert.equal(rule('G'), 'cancel');
  });

  test('the shipped guarantee cancels (it writes the stricter rule only as a comment)', () => {
    const { policy } = parsePolicyText(readFileSync(DEFAULT_POLICY, 'utf8'), 'guarantee.yaml');
    for (const id of ['C-02', 'C-03', 'C-04', 'F-03'])
      assert.equal(
        (policy!.commitments.find((c) => c.id === id) as { closedWithoutSolution: string })
          .closedWithoutSolution,
        'cancel',
        id,
      );
  });

  test('a wrong value or a measure it does not fit is refused at its place, saying why', () => {
    const text = commitments(
      '  - { id: A, name: { en: A, zh: 甲 }, measure: first_response, target: 15m, closedWithoutSolution: breach }',
      '  - { id: B, name: { en: B, zh: 乙 }, measure: solution, target: 2h, closedWithoutSolution: refund }',
      '  - { id: C, name: { en: C, zh: 丙 }, measure: satisfaction, target: ">= 4.5", closedWithoutSolution: breach }',
      '  - { id: D, name: { en: D, zh: 丁 }, measure: classification, target: 2h, closedWithoutSolution: cancel }',
    );
    const p = problemsOf(text);
    const at = (path: string) => p.find((x) => x.path === path);
    const a = at('commitments[0].closedWithoutSolution');
    assert.equal(a?.line, 4);
    assert.match(
      a!.message,
      /does not apply to first_response: closing a ticket stops this clock as met; only staged_solution, solution and resolution clocks/,
    );
    assert.equal(at('commitments[1].closedWithoutSolution')?.line, 5);
    assert.match(
      at('commitments[1].closedWithoutSolution')!.message,
      /must be one of "cancel", "breach" \(got "refund"\)/,
    );
    assert.match(
      at('commitments[2].closedWithoutSolution')!.message,
      /does not apply to satisfaction: it is a value over a window, not a clock/,
    );
    assert.match(
      at('commitments[3].closedWithoutSolution')!.message,
      /does not apply to classification/,
    );
    assert.equal(p.length, 4, p.map((x) => `${x.path}: ${x.message}`).join('\n'));
  });
});

describe('effectiveFrom and closeAfter', () => {
  const policyWith = (...lines: string[]) =>
    [
      'surety: 1',
      'name: { en: T, zh: 测 }',
      'timezone: Asia/Shanghai',
      ...lines,
      'commitments:',
      '  - { id: C-01, name: { en: A, zh: 甲 }, measure: first_response, target: 15m }',
      '',
    ].join('\n');
  const compiled = (...lines: string[]) => {
    const { policy, problems } = parsePolicyText(policyWith(...lines), 'p.yaml');
    assert.deepEqual(problems, []);
    return policy!;
  };

  test('absent: the terms apply from when the file is loaded; a month closes 10 days after it ends', () => {
    const p = compiled();
    assert.equal(p.effectiveFrom, undefined);
    assert.equal(p.closeAfterMs, 10 * 24 * HOUR);
  });

  test('a date is its midnight in the policy time zone, a local date-time its wall time there, an offset exact', () => {
    assert.equal(
      compiled('effectiveFrom: 2026-11-01').effectiveFrom,
      Date.parse('2026-10-31T16:00:00Z'),
    );
    assert.equal(
      compiled('effectiveFrom: "2026-11-01T09:30"').effectiveFrom,
      Date.parse('2026-11-01T01:30:00Z'),
    );
    assert.equal(
      compiled('effectiveFrom: 2026-11-01T00:00:00Z').effectiveFrom,
      Date.parse('2026-11-01T00:00:00Z'),
    );
    assert.equal(compiled('closeAfter: 3d').closeAfterMs, 3 * 24 * HOUR);
    assert.equal(compiled('closeAfter: 0s').closeAfterMs, 0);
  });

  test('what is not a date or a duration is reported at its line, saying what would do', () => {
    const text = policyWith('effectiveFrom: 2026-02-30', 'closeAfter: ten days');
    const p = problemsOf(text);
    const from = p.find((x) => x.path === 'effectiveFrom');
    assert.equal(from?.line, lineOf(text, 'effectiveFrom'));
    assert.match(
      from!.message,
      /"2026-02-30" is not a date \(2026-11-01, midnight in Asia\/Shanghai\)/,
    );
    const close = p.find((x) => x.path === 'closeAfter');
    assert.equal(close?.line, lineOf(text, 'closeAfter'));
    assert.match(close!.message, /"ten days" is not a duration between 0s and 366d, like 10d/);
    assert.match(problemsOf(policyWith('effectiveFrom: 2026'))[0]!.message, /must be a string/);
  });
});
