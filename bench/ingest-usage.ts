/**
 * What a server costs while bench/ingest.ts drives it: its CPU (in cores, and its busiest
 * threads), its memory, wrk's CPU, and the CPU the rest of the machine used meanwhile, which
 * says whether other work disturbed the run.
 */
import { performance } from 'node:perf_hooks';
import {
  allProcesses,
  cpuSeconds,
  machineBusySeconds,
  rssBytes,
  threadSeconds,
} from './kit/cpu.js';

export interface Usage {
  /** Cores the server used, on average. */
  serverCores: number;
  wrkCores: number;
  /** Everything else on the machine (this process included): should be near 0. */
  otherCores: number;
  /** The processes behind otherCores, busiest first: "name (pid) 0.42". */
  others: string[];
  rssPeak: number;
  rssMean: number;
  rssEnd: number;
  /** The server's busiest threads: "main 0.98, thread 2 0.61, …" (a thread at 1.00 is the bottleneck). */
  threads: string;
}

/** Samples the server's (and wrk's) CPU and memory while `during` runs. */
export async function measured<T>(
  serverPid: number,
  during: (onWrk: (pid: number) => void) => Promise<T>,
): Promise<{ result: T; usage: Usage }> {
  let wrkPid = 0;
  let wrkStart = NaN;
  let wrkLast = NaN;
  const rss: number[] = [];
  const t0 = performance.now();
  const s0 = cpuSeconds(serverPid);
  const t0s = threadSeconds(serverPid);
  const m0 = machineBusySeconds();
  const p0 = allProcesses();
  const timer = setInterval(() => {
    const r = rssBytes(serverPid);
    if (Number.isFinite(r)) rss.push(r);
    if (wrkPid) {
      const c = cpuSeconds(wrkPid);
      if (Number.isFinite(c)) wrkLast = c;
    }
  }, 250);
  let result: T;
  try {
    result = await during((pid) => {
      wrkPid = pid;
      wrkStart = cpuSeconds(pid);
      if (!Number.isFinite(wrkStart)) wrkStart = 0;
    });
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  const server = cpuSeconds(serverPid) - s0;
  const threads = [...threadSeconds(serverPid)]
    .map(([tid, c]) => [tid, (c.seconds - (t0s.get(tid)?.seconds ?? 0)) / seconds] as const)
    .filter(([, c]) => c >= 0.02)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([tid, c]) => `${tid === serverPid ? 'main' : `thread ${tid}`} ${c.toFixed(2)}`)
    .join(', ');
  const wrk = Number.isFinite(wrkLast) ? wrkLast - wrkStart : 0;
  const machine = machineBusySeconds() - m0;
  const end = rssBytes(serverPid);
  const others: Array<[string, number]> = [];
  for (const [pid, { name, seconds: cpu }] of allProcesses()) {
    if (pid === serverPid || pid === wrkPid || pid === process.pid) continue;
    const used = (cpu - (p0.get(pid)?.seconds ?? 0)) / seconds;
    if (used >= 0.02) others.push([`${name} (${pid})`, used]);
  }
  others.sort((a, b) => b[1] - a[1]);
  return {
    result,
    usage: {
      serverCores: server / seconds,
      wrkCores: wrk / seconds,
      otherCores: Math.max(0, (machine - server - wrk) / seconds),
      others: others.slice(0, 4).map(([n, c]) => `${n} ${c.toFixed(2)}`),
      rssPeak: Math.max(...rss, end),
      rssMean: rss.length > 0 ? rss.reduce((a, b) => a + b, 0) / rss.length : end,
      rssEnd: end,
      threads,
    },
  };
}
