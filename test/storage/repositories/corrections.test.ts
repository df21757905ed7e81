import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewCorrection } from '../../../src/services/store/index.js';
import { contract, seedTicket, T0 } from './contract.js';

const correction = (
  ticketId: number,
  customer: string,
  at: number,
  extra: Partial<NewCorrection> = {},
): NewCorrection => ({
  ticketId,
  customer,
  at,
  actor: 'ann',
  reason: 'typo in the time',
  action: 'event_corrected',
  seq: 2,
  before: { at: T0 },
  after: { at: T0 + 60_000 },
  effects: {},
  ...extra,
});

await contract('corrections', (store) => {
  test('a correction reads back with its id; its effects are set afterwards', async () => {
    const s = store();
    const t = await seedTicket(s, 'acme');
    const c = await s.corrections.insert(correction(t, 'acme', T0 + 10));
    assert.deepEqual(c, { ...correction(t, 'acme', T0 + 10), id: c.id });
    await s.corrections.setEffects(c.id, { withdrawn: ['C-01'], months: ['2026-10'] });
    assert.deepEqual(await s.corrections.forTicket(t), [
      { ...c, effects: { withdrawn: ['C-01'], months: ['2026-10'] } },
    ]);
  });

  test('a ticket’s corrections in the order made; a period’s by time, per customer, limited', async () => {
    const s = store();
    const a = await seedTicket(s, 'acme');
    const g = await seedTicket(s, 'globex');
    const late = await s.corrections.insert(correction(a, 'acme', T0 + 300));
    const replaced = await s.corrections.insert(
      correction(a, 'acme', T0 + 200, { action: 'history_replaced', seq: null }),
    );
    const other = await s.corrections.insert(correction(g, 'globex', T0 + 250));
    assert.deepEqual(
      (await s.corrections.forTicket(a)).map((c) => c.id),
      [late.id, replaced.id],
    );
    assert.equal((await s.corrections.forTicket(a))[1]!.seq, null);
    assert.deepEqual(
      (await s.corrections.between(T0 + 200, T0 + 301, undefined, 10)).map((c) => c.id),
      [replaced.id, other.id, late.id],
    );
    assert.deepEqual(
      (await s.corrections.between(T0 + 200, T0 + 300, 'acme', 10)).map((c) => c.id),
      [replaced.id],
    );
    assert.equal((await s.corrections.between(T0, T0 + 1_000, undefined, 2)).length, 2);
  });
});
