import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewAssessment } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

const assessment = (
  period: string,
  date: string,
  extra: Partial<NewAssessment> = {},
): NewAssessment => ({
  period,
  assessor: 'Zhang Min',
  organisation: 'China Quality Certification Centre',
  scope: 'service desk and incident handling, all customers',
  findings: [
    { severity: 'medium', title: 'On-call handover not written down', detail: 'two of five' },
    { severity: 'info', title: 'Reports arrive on time' },
  ],
  verdict: 'pass_with_findings',
  date,
  recordedBy: { id: 'tok_1', name: 'assessor token' },
  recordedAt: T0,
  ...extra,
});

await contract('assessments', (store) => {
  test('an assessment reads back as written: findings in order, the recorder with and without a name', async () => {
    const s = store();
    const named = assessment('2026-Q4', '2026-12-20');
    const id = await s.assessments.insert(named);
    assert.deepEqual(await s.assessments.get(id), { ...named, id });
    const unnamed = assessment('2026-Q3', '2026-10-02', {
      findings: [],
      verdict: 'pass',
      recordedBy: { id: 'cli' },
      recordedAt: T0 + 1,
    });
    const other = await s.assessments.insert(unnamed);
    assert.deepEqual(await s.assessments.get(other), { ...unnamed, id: other });
    assert.notEqual(id, other);
    assert.equal(await s.assessments.get(other + 1000), undefined);
  });

  test('a finding keeps only its own fields, whatever else the object carried', async () => {
    const s = store();
    const id = await s.assessments.insert(
      assessment('2027-Q1', '2027-03-30', {
        findings: [
          { severity: 'high', title: 't', extra: 'x' } as unknown as NewAssessment['findings'][0],
        ],
      }),
    );
    assert.deepEqual((await s.assessments.get(id))!.findings, [{ severity: 'high', title: 't' }]);
  });

  test('list filters by period, newest date first, then the latest recorded, up to the limit', async () => {
    const s = store();
    const early = await s.assessments.insert(assessment('2028-Q2', '2028-06-01'));
    const late = await s.assessments.insert(assessment('2028-Q2', '2028-06-20'));
    const sameDay = await s.assessments.insert(assessment('2028-Q2', '2028-06-01'));
    await s.assessments.insert(assessment('2028-Q3', '2028-09-15'));
    const ids = async (q: { period?: string; limit: number }) =>
      (await s.assessments.list(q)).map((a) => a.id);
    assert.deepEqual(await ids({ period: '2028-Q2', limit: 10 }), [late, sameDay, early]);
    assert.deepEqual(await ids({ period: '2028-Q2', limit: 2 }), [late, sameDay]);
    assert.deepEqual(await ids({ period: '2029-Q1', limit: 10 }), []);
    const all = await s.assessments.list({ limit: 100 });
    assert.deepEqual(
      all.map((a) => a.date),
      [...all.map((a) => a.date)].sort().reverse(),
      'all periods, newest date first',
    );
    assert.ok(all.some((a) => a.period === '2028-Q3'));
  });
});
