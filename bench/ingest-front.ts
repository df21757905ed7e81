/**
 * The receiving half's own work, alone: line-protocol parsing and series lookup of the
 * bodies of bench/ingest.ts, with no log and no evaluation, timed in CPU time.
 *
 *   npx tsc -p . && node dist/bench/ingest-front.js [--rounds N]
 */
import { parseArgs } from 'node:util';
import { SeriesRegistry } from '../src/sources/ingest/series-registry.js';
import { parseLineProtocol } from '../src/sources/ingest/line-protocol.js';
import { PointBatch, type IngestProblem } from '../src/sources/ingest/point-batch.js';
import { makeBodies } from './ingest-bodies.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '100' }, repeat: { type: 'string', default: '5' } },
});
const set = makeBodies(10_000, 5000, 10);
const base = Date.parse('2026-10-01T00:00:00Z');
const rounds = Number(values.rounds);
const bodies = Array.from({ length: rounds * set.bodiesPerRound }, (_, k) =>
  Buffer.from(
    set.bodies[k % set.bodies.length]!.replaceAll(
      ' \n',
      ` ${(base + Math.floor(k / set.bodiesPerRound) * 10_000) * 1e6}\n`,
    ),
  ),
);
const registry = new SeriesRegistry(1_000_000);
const batch = new PointBatch(16_384);
const ids = new Int32Array(16_384);
const problems: IngestProblem[] = [];
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
let parseMs = 0;
let resolveMs = 0;
let points = 0;
for (let r = 0; r < Number(values.repeat); r++) {
  for (const body of bodies) {
    const t0 = cpu();
    batch.truncate(0);
    parseLineProtocol(
      body,
      { precision: 'ns', now: base + 1e10, maxFutureMs: 3_600_000, knownParts: registry },
      batch,
      problems,
    );
    const t1 = cpu();
    registry.resolve(batch, ids);
    resolveMs += cpu() - t1;
    parseMs += t1 - t0;
    points += batch.count;
  }
}
if (problems.length > 0) throw new Error(JSON.stringify(problems[0]));
const us = (ms: number) => ((ms * 1000) / points).toFixed(3);
console.log(
  `${points.toLocaleString('en')} points: parse ${us(parseMs)} µs/point, resolve ${us(resolveMs)} µs/point`,
);
console.log(
  `RESULT ${Math.round((points / (parseMs + resolveMs)) * 1000).toLocaleString('en')} points per CPU-second`,
);
