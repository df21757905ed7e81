// The overview's closed months are read at start, before the first visitor asks for them.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closedWindowFacts } from '../../src/services/compliance/facts-cache.js';
import { monthWindow } from '../../src/services/compliance/window.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const dbs = await testDatabases();

for (const db of dbs) {
  describe(`reading the overview at start [${db.name}]`, { skip: db.skip }, () => {
    const servers: TestServer[] = [];
    after(() => Promise.all(servers.map((s) => s.close())));

    for (const warmViews of [true, false]) {
      test(
        warmViews
          ? 'on: the trend months are cached once the server says it is warm'
          : 'off: nothing is read ahead',
        async () => {
          const s = await startTestServer(db, { now: '2026-11-10T02:00:00Z', warmViews });
          servers.push(s);
          await s.app.warmed;
          const zone = s.app.core.policy.timezone;
          let reads = 0;
          const read = async () => ++reads;
          // Five closed months of the six-month trend; each is a cache entry when warmed.
          for (const month of ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'])
            await closedWindowFacts(
              s.app.core.store,
              monthWindow(month, zone),
              undefined,
              s.time.now(),
              read,
            );
          assert.equal(reads, warmViews ? 0 : 5);
        },
      );
    }
  });
}
