import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CreditLineRow } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

const line = (
  customer: string,
  key: string,
  extra: Partial<CreditLineRow> = {},
): CreditLineRow => ({
  month: '2026-10',
  customer,
  key,
  commitment: 'C-01',
  consequence: 'credit',
  subjectType: 'ticket',
  subjectId: key,
  dueAt: T0,
  breachedAt: T0 + 1,
  amountMinor: 5_000,
  currency: 'CNY',
  status: 'active',
  evidence: { fee: 1_000_000, percent: 0.5 },
  updatedAt: T0,
  ...extra,
});

await contract('credits', (store) => {
  test('lines of a month read back by customer and key; put replaces the same key', async () => {
    const s = store();
    await s.credits.put(line('globex', 'ticket:2:C-01'));
    await s.credits.put(line('acme', 'uptime:C-05', { subjectType: 'service', dueAt: null }));
    await s.credits.put(line('acme', 'ticket:1:C-01'));
    await s.credits.put(line('acme', 'ticket:9:C-01', { month: '2026-11' }));
    assert.deepEqual(
      (await s.credits.lines('2026-10')).map((l) => [l.customer, l.key]),
      [
        ['acme', 'ticket:1:C-01'],
        ['acme', 'uptime:C-05'],
        ['globex', 'ticket:2:C-01'],
      ],
    );
    assert.deepEqual(await s.credits.lines('2026-10', 'globex'), [line('globex', 'ticket:2:C-01')]);

    const voided = line('acme', 'ticket:1:C-01', {
      status: 'void',
      amountMinor: 0,
      evidence: { reason: 'corrected' },
      breachedAt: null,
      updatedAt: T0 + 10,
    });
    await s.credits.put(voided);
    const acme = await s.credits.lines('2026-10', 'acme');
    assert.equal(acme.length, 2);
    assert.deepEqual(acme[0], voided);
    assert.deepEqual(await s.credits.lines('2026-12'), []);
  });

  test('the audit keeps every change of a month in the order made', async () => {
    const s = store();
    await s.credits.audit({
      month: '2026-10',
      customer: 'acme',
      key: 'ticket:1:C-01',
      at: T0,
      action: 'added',
      before: null,
      after: { amountMinor: 5_000 },
      reason: 'breach',
      actor: 'system',
    });
    await s.credits.audit({
      month: '2026-10',
      customer: 'globex',
      key: 'ticket:2:C-01',
      at: T0 + 1,
      action: 'added',
      before: null,
      after: { amountMinor: 1 },
      reason: 'breach',
      actor: 'system',
    });
    await s.credits.audit({
      month: '2026-10',
      customer: 'acme',
      key: 'ticket:1:C-01',
      at: T0 + 2,
      action: 'voided',
      before: { amountMinor: 5_000 },
      after: null,
      reason: 'history corrected',
      actor: 'ann',
    });
    const acme = await s.credits.auditOf('2026-10', 'acme');
    assert.deepEqual(
      acme.map((a) => [a.action, a.before, a.after, a.actor]),
      [
        ['added', null, { amountMinor: 5_000 }, 'system'],
        ['voided', { amountMinor: 5_000 }, null, 'ann'],
      ],
    );
    assert.deepEqual(
      (await s.credits.auditOf('2026-10')).map((a) => a.customer),
      ['acme', 'globex', 'acme'],
    );
    assert.deepEqual(await s.credits.auditOf('2026-09'), []);
  });
});
