// The public status page and the dashboard's files: served without a token; the API is not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { expectError, expectStatus, serverPerTest } from './support.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`public pages [${db.name}]`, { skip: db.skip }, () => {
    const server = serverPerTest(db);

    it('the status page answers without sign-in and says availability is not measured yet', async () => {
      const s = server();
      const json = await s.api('GET', '/api/v1/status', undefined, null);
      expectStatus(json, 200);
      assert.equal(json.body.measured, false);
      assert.deepEqual(json.body.groups, []);
      const page = await s.api('GET', '/status', undefined, null);
      expectStatus(page, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.body, /data-testid="status-pending"/);
      assert.match((await s.api('GET', '/status?lang=zh', undefined, null)).body, /服务状态/);
    });

    it('the dashboard is served at / without a token, while the API behind it still needs one', async () => {
      const s = server();
      const page = await s.api('GET', '/', undefined, null);
      expectStatus(page, 200);
      assert.match(page.body, /<div id="app">/);
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
      assert.ok(asset, 'the page names its script');
      expectStatus(await s.api('GET', asset, undefined, null), 200);
      expectError(
        await s.api('GET', '/api/v1/views/overview', undefined, null),
        401,
        'unauthorized',
      );
      expectError(
        await s.api('GET', '/api/v1/reports/monthly?date=2026-10', undefined, null),
        401,
        'unauthorized',
      );
      expectStatus(await s.api('GET', '/assets/none.js', undefined, null), 404);
    });
  });
}
