// The improvement plan over HTTP: items with owner, due date, linked breaches and status,
// quarterly reviews; bad input refused whole; customers kept out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import {
  addCustomer,
  expectDetailAt,
  expectError,
  expectStatus,
  issueToken,
  openTicket,
  serverPerTest,
} from './support.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`improvement plan [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('creates, lists by month and quarter, updates and reviews an item', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const t = await openTicket(s, { kind: 'problem', priority: 'urgent' });
      const created = await s.api('POST', '/api/v1/improvements', {
        month: '2026-10',
        title: 'Second on-call engineer for urgent problems',
        owner: 'Li Wei',
        dueDate: '2026-10-03',
        links: [{ commitment: 'C-02', ticket: t.id }],
      });
      expectStatus(created, 201);
      assert.equal(created.body.status, 'planned');
      assert.equal(created.body.overdue, true, 'due 2026-10-03, today 2026-10-05 in Shanghai');
      assert.deepEqual(created.body.links, [{ commitment: 'C-02', ticket: t.id }]);
      const id = created.body.id;

      await s.api('POST', '/api/v1/improvements', {
        month: '2026-11',
        title: 'Later',
        owner: 'Wang',
        dueDate: '2026-12-01',
      });
      const october = await s.api('GET', '/api/v1/improvements?month=2026-10');
      assert.deepEqual(
        october.body.items.map((i: any) => i.id),
        [id],
      );
      const q4 = await s.api('GET', '/api/v1/improvements?quarter=2026-Q4');
      assert.equal(q4.body.items.length, 2);
      assert.equal(
        (await s.api('GET', '/api/v1/improvements?quarter=2026-Q3')).body.items.length,
        0,
      );

      const done = await s.api('PATCH', `/api/v1/improvements/${id}`, { status: 'done' });
      expectStatus(done, 200);
      assert.equal(done.body.status, 'done');
      assert.equal(done.body.overdue, false);
      assert.equal(
        (await s.api('GET', '/api/v1/improvements?status=planned')).body.items.length,
        1,
      );

      const review = await s.api('POST', `/api/v1/improvements/${id}/reviews`, {
        quarter: '2026-Q4',
        effect: 'effective',
        note: 'no urgent breach since',
      });
      expectStatus(review, 201);
      assert.deepEqual(
        review.body.reviews.map((r: any) => [r.quarter, r.effect]),
        [['2026-Q4', 'effective']],
      );
      // A second review of the same quarter replaces the first.
      const again = await s.api('POST', `/api/v1/improvements/${id}/reviews`, {
        quarter: '2026-Q4',
        effect: 'partly_effective',
      });
      assert.deepEqual(
        again.body.reviews.map((r: any) => r.effect),
        ['partly_effective'],
      );
      assert.equal((await s.api('GET', `/api/v1/improvements/${id}`)).body.reviews.length, 1);
    });

    it('refuses bad items whole, naming each problem', async () => {
      const s = server();
      const e = expectError(
        await s.api('POST', '/api/v1/improvements', {
          month: '2026-13',
          title: '',
          owner: 'x',
          dueDate: 'soon',
        }),
        400,
        'invalid_input',
        'month',
        'dueDate',
      );
      expectDetailAt(e, '/title');
      expectError(
        await s.api('POST', '/api/v1/improvements', {
          month: '2026-10',
          title: 'a',
          owner: 'x',
          dueDate: '2026-02-30',
        }),
        400,
        'invalid_input',
        '2026-02-30',
      );
      const ref = expectError(
        await s.api('POST', '/api/v1/improvements', {
          month: '2026-10',
          title: 'a',
          owner: 'x',
          dueDate: '2026-11-01',
          links: [{ commitment: 'C-99' }, { commitment: 'C-01', ticket: 424242 }],
        }),
        422,
        'unknown_reference',
        'C-99',
        '424242',
      );
      expectDetailAt(ref, '/links/1/ticket');
      assert.equal(
        (await s.api('GET', '/api/v1/improvements')).body.items.length,
        0,
        'nothing written',
      );
      expectError(
        await s.api('PATCH', '/api/v1/improvements/77', { status: 'done' }),
        404,
        'not_found',
        '77',
      );
      const created = await s.api('POST', '/api/v1/improvements', {
        month: '2026-12',
        title: 'a',
        owner: 'x',
        dueDate: '2026-12-20',
      });
      expectError(
        await s.api('PATCH', `/api/v1/improvements/${created.body.id}`, { status: 'finished' }),
        400,
        'invalid_input',
        'status',
      );
      expectError(
        await s.api('PATCH', `/api/v1/improvements/${created.body.id}`, {}),
        400,
        'invalid_input',
      );
      expectError(
        await s.api('POST', `/api/v1/improvements/${created.body.id}/reviews`, {
          quarter: '2026-Q3',
          effect: 'effective',
        }),
        400,
        'invalid_input',
        '2026-Q3',
      );
    });

    it('is staff only', async () => {
      const s = server();
      await addCustomer(s, 'acme');
      const { token } = await issueToken(s, 'customer', 'acme');
      expectError(await s.api('GET', '/api/v1/improvements', undefined, token), 403, 'forbidden');
      expectError(
        await s.api(
          'POST',
          '/api/v1/improvements',
          { month: '2026-10', title: 'a', owner: 'x', dueDate: '2026-11-01' },
          token,
        ),
        403,
        'forbidden',
      );
      const agent = await issueToken(s, 'agent');
      expectStatus(
        await s.api(
          'POST',
          '/api/v1/improvements',
          { month: '2026-10', title: 'a', owner: 'x', dueDate: '2026-11-01' },
          agent.token,
        ),
        201,
      );
    });
  });
}
