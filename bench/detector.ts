import { seeded } from '../src/domain/random.js';
/**
 * Detector throughput: a DetectorBank of N series (10,000 by default) fed interleaved points, one
 * per series per 5-minute step, as the ingest pipeline would; reports ns/point, points/s and bytes
 * of state per series. The values are a daily cycle plus noise, with a rare spike and level shift,
 * so every branch runs. Precomputed noise: the loop times the detector, not the generator.
 *
 *   npx tsc -p . && node dist/bench/detector.js [--series N] [--steps N] [--runs N]
 *
 * The last line is the figure: `RESULT detector … ns/point … points/s …`.
 */
import { performance } from 'node:perf_hooks';
import { MINUTE } from '../src/domain/duration.js';
import { DetectorBank } from '../src/evaluate/detectors/detector-bank.js';
import { parseOptions } from './kit/options.js';
import { Report, formatInt } from './kit/report.js';

const { series, steps, runs } = parseOptions({
  usage: 'node dist/bench/detector.js [options]',
  options: {
    series: { type: 'int', default: 10_000, min: 1, help: 'series in the bank' },
    steps: { type: 'int', default: 2000, min: 1, help: 'points per series (5 minutes apart)' },
    runs: { type: 'int', default: 3, min: 1, help: 'runs; the best counts' },
  },
});

const STEP_MS = 5 * MINUTE;
const START = Date.UTC(2026, 0, 5);
const NOISE = new Float64Array(1 << 16);
const noise = seeded(12345);
for (let i = 0; i < NOISE.length; i++) NOISE[i] = (noise.next() - 0.5) * 4;
const CYCLE = new Float64Array(288).map((_, i) => 50 * Math.sin((2 * Math.PI * i) / 288));

function feed(bank: DetectorBank): { ns: number; alarms: number } {
  let alarms = 0;
  const t0 = performance.now();
  for (let step = 0; step < steps; step++) {
    const t = START + step * STEP_MS;
    const cycle = CYCLE[step % 288]!;
    for (let s = 0; s < series; s++) {
      let v = 100 + s + cycle + NOISE[(step * 7919 + s) & 0xffff]!;
      if ((step + s) % 5003 === 0) v += 200; // a rare spike
      if (step > steps / 2 && s % 97 === 0) v += 30; // a level shift in some series
      if (bank.score(s, t, v) >= 0.5) alarms++;
    }
  }
  return { ns: ((performance.now() - t0) * 1e6) / (steps * series), alarms };
}

let best = Infinity;
let alarms: number;
for (let r = 0; r < runs; r++) {
  const bank = new DetectorBank(series);
  const res = feed(bank);
  best = Math.min(best, res.ns);
  alarms = res.alarms;
  console.error(`run ${r + 1}: ${res.ns.toFixed(1)} ns/point (${alarms} alarms)`);
}
const bytes = new DetectorBank(1).bytesPerSeries;
new Report()
  .line(`series ${series}, points ${series * steps} per run, best of ${runs} runs`)
  .line(
    `state: ${bytes} bytes/series (${((bytes * 1_000_000) / 2 ** 20).toFixed(0)} MiB for 1,000,000 series)`,
  )
  .print(
    `detector ${best.toFixed(1)} ns/point ${formatInt(1e9 / best)} points/s ${bytes} bytes/series`,
  );
