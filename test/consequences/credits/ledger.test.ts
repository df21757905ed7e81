// The credit arithmetic, pure: per-breach percentages, uptime tiers, caps, rounding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  creditLines,
  tierFor,
  type CreditClause,
} from '../../../src/consequences/credits/ledger.js';
import { percentOf } from '../../../src/consequences/credits/money.js';

const tiers = [
  { belowPercent: 99.9, percentOfMonthlyFee: 10 },
  { belowPercent: 99, percentOfMonthlyFee: 25 },
  { belowPercent: 95, percentOfMonthlyFee: 100 },
];
const uptimeClause: CreditClause = {
  commitment: 'C-05',
  consequence: 'uptime-credit',
  rule: { type: 'credit', tiers },
};
const breachClause: CreditClause = {
  commitment: 'C-01',
  consequence: 'timeout',
  rule: { type: 'credit', percentOfMonthlyFee: 5 },
};
const acme = { id: 'acme', monthlyFeeMinor: 2_000_000, currency: 'CNY' };
const monthEnd = Date.parse('2026-10-31T16:00:00Z');

describe('credit arithmetic', () => {
  test('percentages of a fee round half up to the smallest unit, exactly for large fees', () => {
    assert.equal(percentOf(123_457, 5), 6173); // 6172.85 fen
    assert.equal(percentOf(123_450, 5), 6173); // 6172.5 rounds up
    assert.equal(percentOf(123_449, 5), 6172);
    assert.equal(percentOf(2_000_000, 2.5), 50_000);
    assert.equal(percentOf(9_007_199_254_740, 5), 450_359_962_737); // past 2^53 when multiplied
  });

  test('the tier is the lowest threshold the uptime is strictly below', () => {
    assert.equal(tierFor(tiers, 99.95), undefined);
    assert.equal(tierFor(tiers, 99.9), undefined, 'exactly the target earns nothing');
    assert.equal(tierFor(tiers, 99.89)?.percentOfMonthlyFee, 10);
    assert.equal(tierFor(tiers, 99)?.percentOfMonthlyFee, 10, '99 % is not below 99 %');
    assert.equal(tierFor(tiers, 98.5)?.percentOfMonthlyFee, 25);
    assert.equal(tierFor(tiers, 94.99)?.percentOfMonthlyFee, 100);
  });

  test('an uptime line carries the uptime and the incidents behind it', () => {
    const lines = creditLines({
      clauses: [uptimeClause],
      customers: [acme],
      breaches: [],
      uptime: [{ customer: 'acme', uptimePercent: 98.7, incidents: ['INC-3', 'INC-9'] }],
      monthEnd,
      monthlyCapPercent: 100,
    });
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.amountMinor, 500_000);
    assert.deepEqual(lines[0]!.evidence.incidents, ['INC-3', 'INC-9']);
    assert.equal(lines[0]!.evidence.belowPercent, 99);
    assert.deepEqual(
      creditLines({
        clauses: [uptimeClause],
        customers: [acme],
        breaches: [],
        uptime: [{ customer: 'acme', uptimePercent: null, incidents: [] }],
        monthEnd,
        monthlyCapPercent: 100,
      }),
      [],
      'nothing measured, nothing owed',
    );
  });

  test('caps cut the latest lines, so the total is always the sum of the lines', () => {
    const breaches = [3, 1, 2].map((d) => ({
      commitment: 'C-01',
      subjectType: 'ticket' as const,
      subjectId: String(d),
      customer: 'acme',
      dueAt: Date.parse(`2026-10-0${d}T00:00:00Z`),
      breachedAt: Date.parse(`2026-10-0${d}T00:00:00Z`),
      stoppedAt: null,
    }));
    const capped: CreditClause = {
      ...breachClause,
      rule: { ...breachClause.rule, maxPercentOfMonthlyFee: 12 },
    };
    const lines = creditLines({
      clauses: [capped],
      customers: [acme],
      breaches,
      uptime: [],
      monthEnd,
      monthlyCapPercent: 100,
    });
    assert.deepEqual(
      lines.map((l) => [l.subjectId, l.amountMinor]),
      [
        ['1', 100_000],
        ['2', 100_000],
        ['3', 40_000],
      ],
    );
    assert.match(String(lines[2]!.evidence.capped), /at most 12%/);
    const monthly = creditLines({
      clauses: [breachClause, uptimeClause],
      customers: [acme],
      breaches,
      uptime: [{ customer: 'acme', uptimePercent: 90, incidents: [] }],
      monthEnd,
      monthlyCapPercent: 100,
    });
    assert.equal(
      monthly.reduce((s, l) => s + l.amountMinor, 0),
      2_000_000,
      'never more than the fee',
    );
    assert.equal(
      monthly[monthly.length - 1]!.amountMinor,
      1_700_000,
      'the uptime line, dated at the month end, is cut',
    );
  });
});
