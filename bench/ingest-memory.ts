/**
 * The memory phase of bench/ingest.ts: a fresh Surety gets `--memory-series` new series keys
 * through POST /api/v1/write after a small base, then a flush and a GC in every thread; what
 * each new series costs is the RSS (and JS heap) growth divided by the series added.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FIELDS_PER_LINE, freshSeriesBody } from './ingest-bodies.js';
import type { Options } from './ingest-options.js';
import { ADMIN_TOKEN } from './ingest-runs.js';
import type { ServerStats } from './ingest-server.js';
import { SuretyChild } from './ingest-surety.js';
import { defer } from './kit/cleanup.js';
import { formatInt as fmtInt, formatMiB as fmtMiB, log } from './kit/report.js';

export interface Memory {
  label: string;
  series: number;
  baseSeries: number;
  rssBefore: number;
  /** After the load, before the new series are flushed to the database. */
  rssLoaded: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  loadSeconds: number;
  flushSeconds: number;
  bytesPerSeriesRss: number;
  bytesPerSeriesHeap: number;
}

/** Memory per series: RSS and heap of a fresh server before and after `o.memorySeries` new series. */
export async function memory(
  o: Options,
  tmp: string,
  policy: string,
  dbUrl: string | undefined,
  env: NodeJS.ProcessEnv,
  label: string,
): Promise<Memory> {
  const dataDir = join(tmp, `surety-memory-${label.replace(/\W+/g, '-')}`);
  mkdirSync(dataDir);
  const server = await SuretyChild.start(
    { dataDir, db: dbUrl, adminToken: ADMIN_TOKEN, policy, maxSeries: o.memorySeries + 200_000 },
    [...o.serverFlags, '--expose-gc'],
    env,
  );
  const stop = defer('stop the memory-phase server', () => server.stop());
  log(
    `memory (${label}): server at ${server.url} (pid ${server.pid}); creating ${fmtInt(o.memorySeries)} series`,
  );
  const linesPerBody = 5_000;
  const timeNs = `${Math.floor(Date.now() / 1000) - 3600}000000000`;
  let sentLines = 0;
  const send = async (lines: number) => {
    const res = await fetch(`${server.url}/api/v1/write?precision=ns`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'text/plain; charset=utf-8',
      },
      body: freshSeriesBody(sentLines, lines, timeNs),
    });
    if (res.status !== 204)
      throw new Error(`memory phase: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    sentLines += lines;
  };
  // A base that already has every code path warm and the first detector bank allocated.
  const baseLines = Math.min(10_000, Math.floor(o.memorySeries / FIELDS_PER_LINE / 10));
  for (let l = 0; l < baseLines; l += linesPerBody)
    await send(Math.min(linesPerBody, baseLines - l));
  await server.request('flush');
  const before = (await server.request('gc'))!;
  const totalLines = Math.ceil(o.memorySeries / FIELDS_PER_LINE);
  const t0 = performance.now();
  let lastLog = t0;
  while (sentLines < totalLines) {
    await send(Math.min(linesPerBody, totalLines - sentLines));
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`memory: ${fmtInt(sentLines * FIELDS_PER_LINE)} series`);
    }
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const loaded = (await server.request('gc'))!;
  const t1 = performance.now();
  await server.request('flush'); // the new series go to the database: part of what they cost
  const flushSeconds = (performance.now() - t1) / 1000;
  const after = (await server.request('gc'))!;
  await stop();
  const added = after.series - before.series;
  const heap = (s: ServerStats) => s.heapUsed + s.arrayBuffers + (s.external - s.arrayBuffers);
  const m: Memory = {
    label,
    series: after.series,
    baseSeries: before.series,
    rssBefore: before.rss,
    rssLoaded: loaded.rss,
    rssAfter: after.rss,
    heapBefore: heap(before),
    heapAfter: heap(after),
    loadSeconds,
    flushSeconds,
    bytesPerSeriesRss: (after.rss - before.rss) / added,
    bytesPerSeriesHeap: (heap(after) - heap(before)) / added,
  };
  log(
    `memory (${label}): ${fmtInt(added)} series added in ${loadSeconds.toFixed(1)} s (+ ${flushSeconds.toFixed(1)} s flush): RSS ${fmtMiB(before.rss)} → ${fmtMiB(after.rss)}, ${fmtInt(m.bytesPerSeriesRss)} B/series`,
  );
  return m;
}
