import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complianceTable } from '../../../src/cli/formatters/compliance.js';
import type { ComplianceReport } from '../../../src/services/compliance/report.js';

const entry = (commitment: string, cancelled: number, cancelledTickets: number[]) => ({
  commitment,
  name: { en: `${commitment} name`, zh: commitment },
  measure: 'solution',
  target: '2h',
  unit: 'percent' as const,
  value: 50,
  met: false,
  status: 'breached' as const,
  breaches: 1,
  sample: 2,
  tickets: [7],
  evidence: [],
  cancelled,
  cancelledTickets,
});

const report = (...commitments: ReturnType<typeof entry>[]): ComplianceReport => ({
  window: { from: '', to: '', label: '2026-10', timezone: 'Asia/Shanghai' },
  customer: null,
  generatedAt: '',
  commitments,
  availability: [],
});

test('the compliance table counts cancelled clocks beside the breaches, and says what they are', () => {
  const text = complianceTable(report(entry('C-02', 3, [4, 5, 6])));
  assert.match(text, /id\s+commitment\s+target\s+value\s+status\s+breaches\s+cancelled\s+tickets/);
  assert.match(text, /C-02\s+C-02 name\s+2h\s+50%\s+BREACHED\s+1\s+3\s+7/);
  assert.match(text, /cancelled: clocks whose ticket was closed, in time, before its solution/);
  assert.doesNotMatch(complianceTable(report(entry('C-02', 0, []))), /cancelled: clocks/);
});
