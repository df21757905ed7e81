/**
 * The receiving half's own work, alone: line-protocol parsing and series lookup of the
 * bodies of bench/ingest.ts, with no log and no evaluation, timed in CPU time.
 *
 *   npx tsc -p . && node dist/bench/ingest-front.js [--rounds N]
 */
import { SeriesRegistry } from '../src/sources/ingest/series-registry.js';
import { parseLineProtocol } from '../src/sources/ingest/line-protocol.js';
import { PointBatch, type IngestProblem } from '../src/sources/ingest/point-batch.js';
import { HOUR } from '../src/domain/duration.js';
import { makeBodies } from './ingest-bodies.js';
import { ownCpuMs as cpu } from './kit/cpu.js';
import { parseOptions } from './kit/options.js';
import { Report } from './kit/report.js';

const values = parseOptions({
  usage: 'node dist/bench/ingest-front.js [options]',
  options: {
    rounds: {
      type: 'int',
      default: 100,
      min: 1,
      help: 'rounds of bodies (every series once a round)',
    },
    repeat: { type: 'int', default: 5, min: 1, help: 'times the rounds are parsed' },
  },
});
const set = makeBodies(10_000, 5000, 10);
const base = Date.parse('2026-10-01T00:00:00Z');
const rounds = values.rounds;
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
let parseMs = 0;
let resolveMs = 0;
let points = 0;
for (let r = 0; r < values.repeat; r++) {
  for (const body of bodies) {
    const t0 = cpu();
    batch.truncate(0);
    parseLineProtocol(
      body,
      { precision: 'ns', now: base + 1e10, maxFutureMs: HOUR, knownParts: registry },
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
new Report()
  .line(
    `${points.toLocaleString('en')} points: parse ${us(parseMs)} µs/point, resolve ${us(resolveMs)} µs/point`,
  )
  .print(
    `${Math.round((points / (parseMs + resolveMs)) * 1000).toLocaleString('en')} points per CPU-second`,
  );
