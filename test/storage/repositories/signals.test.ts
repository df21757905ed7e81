import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewSignal } from '../../../src/services/store/index.js';
import { contract, T0 } from './contract.js';

// Appending and the stream after a cursor are in test/storage/store.contract.test.ts; this is
// the window read the reports make.

const signal = (key: string, at: number, extra: Partial<NewSignal> = {}): NewSignal => ({
  at,
  recordedAt: T0 + 100_000,
  type: 'clock.breached',
  subjectType: 'ticket',
  subjectId: key,
  commitment: 'C-01',
  customer: 'acme',
  data: { key },
  dedupeKey: key,
  ...extra,
});

await contract('signal report reads', (store) => {
  test('between: signals that happened in the window, by time then id, filtered and limited', async () => {
    const s = store();
    await s.signals.append([
      signal('late', T0 + 30),
      signal('early', T0 + 10, { type: 'clock.warning' }),
      signal('outside', T0 + 40),
      signal('before', T0 - 1),
      signal('globex', T0 + 20, { customer: 'globex' }),
      signal('tie', T0 + 10),
    ]);
    const keys = async (
      filter: Parameters<ReturnType<typeof store>['signals']['between']>[2],
      limit = 10,
    ) => (await s.signals.between(T0, T0 + 40, filter, limit)).map((x) => x.subjectId);
    assert.deepEqual(await keys({}), ['early', 'tie', 'globex', 'late']);
    assert.deepEqual(await keys({ customer: 'acme' }), ['early', 'tie', 'late']);
    assert.deepEqual(await keys({ types: ['clock.warning'] }), ['early']);
    assert.deepEqual(await keys({ types: [] }), ['early', 'tie', 'globex', 'late']);
    assert.deepEqual(await keys({}, 2), ['early', 'tie']);
    const [, tie] = await s.signals.between(T0, T0 + 40, {}, 2);
    assert.deepEqual(
      await keys({ after: { at: tie!.at, id: tie!.id } }, 10),
      ['globex', 'late'],
      'the next page starts after the tie',
    );
    const [first] = await s.signals.between(T0, T0 + 11, { customer: 'acme' }, 1);
    assert.deepEqual(first && { ...first, id: 0 }, {
      id: 0,
      at: T0 + 10,
      recordedAt: T0 + 100_000,
      type: 'clock.warning',
      subjectType: 'ticket',
      subjectId: 'early',
      commitment: 'C-01',
      customer: 'acme',
      data: { key: 'early' },
    });
  });
});
