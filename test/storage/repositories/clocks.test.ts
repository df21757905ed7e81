import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClockRow } from '../../../src/services/store/index.js';
import { contract, seedTicket, T0 } from './contract.js';

// Writes, the sweep index and settled clocks are in test/storage/store.contract.test.ts; these
// are the reads the reports and the overview make.

const clock = (
  ticketId: number,
  commitment: string,
  customer: string,
  extra: Partial<ClockRow>,
): ClockRow => ({
  ticketId,
  commitment,
  customer,
  state: 'running',
  targetMs: 1_000,
  dueAt: null,
  stoppedAt: null,
  breachedAt: null,
  nextAt: null,
  warned: 0,
  ...extra,
});

await contract('clock report reads', (store) => {
  test('touching: a deadline, a breach or a stop inside the window, by ticket and commitment', async () => {
    const s = store();
    const a = await seedTicket(s, 'acme', 'open');
    const b = await seedTicket(s, 'globex', 'open');
    const W0 = T0 + 1_000;
    const W1 = T0 + 2_000;
    await s.clocks.insertMany([
      clock(a, 'C-02', 'acme', { dueAt: W0 }),
      clock(a, 'C-01', 'acme', { dueAt: W0 - 500, breachedAt: W1 - 1, state: 'breached' }),
      clock(a, 'C-03', 'acme', { dueAt: W1, stoppedAt: W0 - 1, state: 'met' }),
      clock(b, 'C-01', 'globex', { dueAt: W1 + 5, stoppedAt: W0 + 10, state: 'met' }),
      clock(b, 'C-02', 'globex', { dueAt: W1 }),
    ]);
    const keys = (rows: ClockRow[]) => rows.map((r) => `${r.ticketId}/${r.commitment}`);
    assert.deepEqual(keys(await s.clocks.touching(W0, W1, undefined)), [
      `${a}/C-01`,
      `${a}/C-02`,
      `${b}/C-01`,
    ]);
    assert.deepEqual(keys(await s.clocks.touching(W0, W1, 'globex')), [`${b}/C-01`]);
    const [row] = await s.clocks.touching(W0, W1, 'acme');
    assert.deepEqual(
      row,
      clock(a, 'C-01', 'acme', { dueAt: W0 - 500, breachedAt: W1 - 1, state: 'breached' }),
    );
  });

  test('settledBetween: a cancelled clock settles when its ticket closed, and is never open', async () => {
    const s = store();
    const t = await seedTicket(s, 'closeco');
    const W0 = T0 + 1_000;
    const W1 = T0 + 2_000;
    await s.clocks.insertMany([
      clock(t, 'C-01', 'closeco', { dueAt: W0, stoppedAt: W0 + 1, state: 'met' }),
      clock(t, 'C-02', 'closeco', { dueAt: W1 + 500, stoppedAt: W0 + 1, state: 'cancelled' }),
      clock(t, 'C-03', 'closeco', { dueAt: W1 + 500, stoppedAt: W1, state: 'cancelled' }),
    ]);
    assert.deepEqual(
      (await s.clocks.settledBetween(W0, W1, 'closeco')).map((r) => [r.commitment, r.state]),
      [
        ['C-01', 'met'],
        ['C-02', 'cancelled'],
      ],
    );
    assert.deepEqual(
      (await s.clocks.settledBetween(W1, W1 + 1, 'closeco')).map((r) => r.commitment),
      ['C-03'],
    );
    assert.deepEqual(await s.clocks.openCounts('closeco'), []);
  });

  test('openCounts: running, warning and paused clocks counted by commitment and state', async () => {
    const s = store();
    const t1 = await seedTicket(s, 'countco', 'open');
    const t2 = await seedTicket(s, 'countco', 'open');
    const t3 = await seedTicket(s, 'elsewhere', 'open');
    await s.clocks.insertMany([
      clock(t1, 'C-01', 'countco', { state: 'running' }),
      clock(t2, 'C-01', 'countco', { state: 'running' }),
      clock(t1, 'C-02', 'countco', { state: 'warning' }),
      clock(t2, 'C-02', 'countco', { state: 'paused' }),
      clock(t1, 'C-03', 'countco', { state: 'met' }),
      clock(t2, 'C-03', 'countco', { state: 'breached' }),
      clock(t3, 'C-01', 'elsewhere', { state: 'running' }),
    ]);
    const sorted = (rows: Array<{ commitment: string; state: string; count: number }>) =>
      [...rows].sort((x, y) =>
        `${x.commitment}${x.state}`.localeCompare(`${y.commitment}${y.state}`),
      );
    assert.deepEqual(sorted(await s.clocks.openCounts('countco')), [
      { commitment: 'C-01', state: 'running', count: 2 },
      { commitment: 'C-02', state: 'paused', count: 1 },
      { commitment: 'C-02', state: 'warning', count: 1 },
    ]);
    const all = await s.clocks.openCounts(undefined);
    assert.equal(all.find((r) => r.commitment === 'C-01' && r.state === 'running')?.count, 3);
  });
});
