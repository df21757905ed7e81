// The pure parts of the reports: periods, health and budget, projected credits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitmentHealth } from '../../src/evaluate/compliance/health.js';
import { loadPolicyFile } from '../../src/runtime/policy-file.js';
import { DEFAULT_POLICY } from '../../src/runtime/paths.js';
import { creditsModel } from '../../src/reports/models/credits.js';
import { parsePeriod, lastCompletePeriod } from '../../src/reports/period.js';
import { commitmentFacts } from '../../src/services/reports/fact-shapes.js';

const policy = loadPolicyFile(DEFAULT_POLICY);
const zone = 'Asia/Shanghai';
const c = (id: string) => policy.commitments.find((x) => x.id === id)!;

describe('report periods', () => {
  it('parses days, ISO weeks, months and quarters in the policy zone, with the period before', () => {
    const d = parsePeriod('daily', '2026-10-05', zone);
    assert.equal(new Date(d.from).toISOString(), '2026-10-04T16:00:00.000Z');
    assert.equal(d.previous.label, '2026-10-04');
    const w = parsePeriod('weekly', '2026-W41', zone);
    assert.equal(
      new Date(w.from).toISOString(),
      '2026-10-04T16:00:00.000Z',
      'W41 starts Monday 5 October',
    );
    assert.equal(w.previous.label, '2026-W40');
    assert.deepEqual(parsePeriod('quarterly', '2026-Q4', zone).months, [
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    assert.equal(parsePeriod('quarterly', '2026-Q1', zone).previous.label, '2025-Q4');
    assert.equal(parsePeriod('monthly', '2026-01', zone).previous.label, '2025-12');
    assert.equal(
      lastCompletePeriod('weekly', Date.parse('2026-10-07T00:00:00Z'), zone).label,
      '2026-W40',
    );
    for (const [kind, bad] of [
      ['daily', '2026-13-01'],
      ['weekly', '2026-W54'],
      ['monthly', '2026-1'],
      ['quarterly', '2026-Q0'],
    ] as const) {
      assert.throws(
        () => parsePeriod(kind, bad, zone),
        (e: Error) => e.message.includes(bad),
        `${kind} ${bad}`,
      );
    }
  });
});

describe('commitment health', () => {
  it('is red when breached, grey without data, amber when met but the budget is nearly spent or clocks warn', () => {
    assert.deepEqual(
      commitmentHealth(c('C-01'), { status: 'breached', value: 96, breaches: 3, sample: 80 }),
      { health: 'red', budgetLeft: 0 },
    );
    assert.deepEqual(
      commitmentHealth(c('C-01'), { status: 'met', value: 100, breaches: 0, sample: 80 }),
      { health: 'green', budgetLeft: 1 },
    );
    assert.equal(
      commitmentHealth(c('C-01'), { status: 'met', value: 100, breaches: 0, sample: 80 }, 2).health,
      'amber',
    );
    assert.equal(
      commitmentHealth(c('C-05'), { status: 'not_measured', value: null, breaches: 0, sample: 0 })
        .health,
      'grey',
    );
    // Satisfaction 4.6 of 5 against 4.5: a fifth of the room above the target is left.
    const sat = commitmentHealth(c('C-09'), { status: 'met', value: 4.6, breaches: 0, sample: 40 });
    assert.equal(sat.health, 'amber');
    assert.ok(Math.abs(sat.budgetLeft! - 0.2) < 1e-9);
    // Complaint rate 0.5 % against at most 2 %: three quarters left.
    assert.deepEqual(
      commitmentHealth(c('C-11'), { status: 'met', value: 0.5, breaches: 0, sample: 200 }),
      { health: 'green', budgetLeft: 0.75 },
    );
  });
});

describe('credits owed', () => {
  it('projects 5 % of the monthly fee per response timeout, per customer, capped at the fee', () => {
    const entry = (commitment: string, tickets: number[], customer = 'acme') =>
      ({
        commitment,
        evidence: tickets.map((ticket) => ({ ticket, customer, dueAt: null, breachedAt: null })),
      }) as any;
    const compliance = {
      window: {} as any,
      customer: null,
      commitments: [entry('C-01', [1, 2]), entry('C-02', [3], 'globex'), entry('C-09', [4])],
    };
    const customers = [
      { id: 'acme', name: 'ACME', plan: null, monthlyFee: 20000, currency: 'CNY' },
      { id: 'globex', name: 'Globex', plan: null, monthlyFee: 1000, currency: 'CNY' },
    ];
    const m = creditsModel(compliance, commitmentFacts(policy), customers, null);
    assert.equal(m.source, 'projected');
    assert.deepEqual(
      m.rows.map((r) => [r.customer, r.breaches, r.percent, r.amount, r.tickets]),
      [
        ['acme', 2, 10, 2000, [1, 2]],
        ['globex', 1, 5, 50, [3]],
      ],
    );
    assert.deepEqual(m.total, [{ currency: 'CNY', amount: 2050 }]);
    const many = creditsModel(
      {
        ...compliance,
        commitments: [
          entry(
            'C-01',
            Array.from({ length: 30 }, (_, i) => i + 1),
          ),
        ],
      },
      commitmentFacts(policy),
      customers,
      null,
    );
    assert.equal(many.rows[0]!.percent, 100);
  });

  it("takes the ledger's statement as it is when the facts carry one: its amounts, lines and rounding", () => {
    const line = (ticket: number, amount: number, month = '2026-10') => ({
      month,
      commitment: 'C-01',
      consequence: 'response-timeout-credit',
      kind: 'breach' as const,
      ticket,
      incident: null,
      dueAt: null,
      breachedAt: null,
      stoppedAt: null,
      uptimePercent: null,
      percentOfMonthlyFee: 5,
      amount,
    });
    const ledger = {
      months: ['2026-10', '2026-11'],
      rounding: 'half up',
      customers: [
        {
          customer: 'globex',
          name: 'Globex',
          currency: 'CNY',
          minorUnit: 0.01,
          monthlyFee: 1234.57,
          cap: 1234.57,
          total: 123.46,
          lines: [line(7, 61.73), line(3, 61.73, '2026-11')],
        },
        {
          customer: 'acme',
          name: 'ACME',
          currency: 'CNY',
          minorUnit: 0.01,
          monthlyFee: 20000,
          cap: 20000,
          total: 0,
          lines: [],
        },
      ],
    };
    const m = creditsModel(
      { window: {} as any, customer: null, commitments: [] },
      commitmentFacts(policy),
      [],
      ledger,
    );
    assert.equal(m.source, 'ledger');
    assert.equal(m.rounding, 'half up');
    assert.deepEqual(
      m.rows.map((r) => [r.customer, r.breaches, r.percent, r.amount, r.tickets, r.lines.length]),
      [['globex', 2, 10, 123.46, [3, 7], 2]],
    );
    assert.deepEqual(m.total, [{ currency: 'CNY', amount: 123.46 }]);
  });
});
