import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { suretyServe } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';

const dbs = await testDatabases();
const TOKEN = 'durability-admin-token-123456';
const POINTS = 50;

/**
 * Kills the real server process with SIGKILL while it ingests, restarts it on the same data,
 * and checks every acknowledged write is there exactly once and no write is there in part.
 */
for (const db of dbs) {
  describe(`metrics survive kill -9 [${db.name}]`, { skip: db.skip }, () => {
    test('every acknowledged write is rebuilt exactly after a crash', async () => {
      const location = await db.fresh();
      const args = [
        '--data-dir',
        location.dataDir,
        '--admin-token',
        TOKEN,
        ...(location.url ? ['--db', location.url] : []),
      ];
      const env = { SURETY_METRICS_FLUSH_MS: '40' };
      const server = await suretyServe(args, env);
      const acked = new Set<number>();
      const sent = new Set<number>();
      const t0 = Math.floor(Date.now() / 1000) - 600;
      const body = (n: number) =>
        Array.from({ length: POINTS }, (_, i) => `crash,req=r${n} v=${i + 1} ${t0 + i}`).join('\n');
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (!killed) {
          const n = next++;
          sent.add(n);
          try {
            const r = await fetch(`${server.url}/api/v1/write?precision=s`, {
              method: 'POST',
              headers: { authorization: `Bearer ${TOKEN}` },
              body: body(n),
            });
            if (r.status === 204) acked.add(n);
          } catch {
            /* the connection died with the process */
          }
        }
      };
      const workers = Array.from({ length: 6 }, worker);
      while (acked.size < 120) await new Promise((r) => setImmediate(r));
      server.child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      await server.stop();

      const again = await suretyServe(args, env);
      try {
        const api = async (path: string) =>
          (
            await fetch(`${again.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })
          ).json() as Promise<any>;
        const series = (await api('/api/v1/series?measurement=crash&limit=1000')).series as Array<{
          id: number;
          tags: { req: string };
        }>;
        const counts = new Map<number, number>();
        for (const s of series) {
          const r = await api(
            `/api/v1/series/${s.id}/rollups?resolution=1h&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`,
          );
          counts.set(
            Number(s.tags.req.slice(1)),
            (r.buckets as Array<{ count: number }>).reduce((a, b) => a + b.count, 0),
          );
        }
        for (const n of acked)
          assert.equal(
            counts.get(n),
            POINTS,
            `acknowledged write ${n} has ${counts.get(n) ?? 0} of ${POINTS} points`,
          );
        for (const [n, c] of counts) {
          assert.ok(sent.has(n));
          assert.equal(c, POINTS, `write ${n} is there in part or twice: ${c} points`);
        }
        assert.ok(acked.size >= 120);
      } finally {
        await again.stop();
        await location.cleanup();
      }
    });
  });
}
