/**
 * Where the benchmarks' CPU figures come from: the CPU time of processes and threads and of the
 * whole machine from /proc (Linux), so a figure can say how much of the machine it had and how
 * much other work took; and V8 CPU profiles (`node --cpu-prof`) summed by self time per
 * function and per part of the program, for bench/ingest.ts --profile. Also usable alone:
 *
 *   node dist/bench/kit/cpu.js FILE.cpuprofile [--top N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './options.js';

// ---------------------------------------------------------------------------------------
// CPU time from /proc

/** USER_HZ: the unit of /proc CPU times on Linux. */
const HZ = 100;

/** The fields of /proc/…/stat after the command name (which may hold spaces). */
function statFields(file: string): { name: string; fields: string[] } {
  const stat = readFileSync(file, 'utf8');
  const close = stat.lastIndexOf(')');
  return {
    name: stat.slice(stat.indexOf('(') + 1, close),
    fields: stat.slice(close + 2).split(' '),
  };
}

/** utime + stime of a process (all its threads) or of one thread, in seconds; NaN once it is gone. */
export function cpuSeconds(pid: number | 'self', tid?: number): number {
  try {
    const { fields } = statFields(
      tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`,
    );
    return (Number(fields[11]) + Number(fields[12])) / HZ;
  } catch {
    return NaN;
  }
}

/** CPU seconds of each thread of a process, by thread id, with the thread's name. */
export function threadSeconds(
  pid: number | 'self',
): Map<number, { name: string; seconds: number }> {
  const out = new Map<number, { name: string; seconds: number }>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const { name, fields } = statFields(`/proc/${pid}/task/${tid}/stat`);
        out.set(Number(tid), { name, seconds: (Number(fields[11]) + Number(fields[12])) / HZ });
      } catch {
        /* the thread ended */
      }
    }
  } catch {
    /* the process ended */
  }
  return out;
}

export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface ProcessCpu {
  readonly name: string;
  /** utime + stime. */
  readonly seconds: number;
  /** The same of its children that ended and were waited for (a postmaster's backends). */
  readonly childSeconds: number;
}

/** CPU seconds of every process now, by pid. */
export function allProcesses(): Map<number, ProcessCpu> {
  const out = new Map<number, ProcessCpu>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { name, fields: f } = statFields(`/proc/${entry}/stat`);
      out.set(Number(entry), {
        name,
        seconds: (Number(f[11]) + Number(f[12])) / HZ,
        childSeconds: (Number(f[13]) + Number(f[14])) / HZ,
      });
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

/** Busy CPU seconds of the whole machine: all but idle and iowait. */
export function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) / HZ;
}

/** This process's CPU time (all threads, user + system) in ms, from process.cpuUsage(). */
export function ownCpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * Starts a meter of the CPU, in cores, that processes other than this one used until it is
 * read: other work on the machine skews every figure, so each phase can say how much there
 * was. Processes named in `ours` (PostgreSQL serving the benchmark) count as this one.
 * Undefined where /proc cannot be read.
 */
export function otherCpu(ours: readonly string[] = []): () => number | undefined {
  const snapshot = () => {
    try {
      let oursSeconds = 0;
      if (ours.length > 0)
        for (const p of allProcesses().values())
          if (ours.includes(p.name)) oursSeconds += p.seconds + p.childSeconds;
      return {
        at: performance.now(),
        busy: machineBusySeconds(),
        ours: oursSeconds,
        self: ownCpuMs() / 1000,
      };
    } catch {
      return undefined;
    }
  };
  const start = snapshot();
  return () => {
    const end = snapshot();
    if (!start || !end || end.at <= start.at) return undefined;
    const other = end.busy - start.busy - (end.ours - start.ours) - (end.self - start.self);
    return Math.max(0, other / ((end.at - start.at) / 1000));
  };
}

// ---------------------------------------------------------------------------------------
// V8 CPU profiles

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  readonly name: string;
  readonly where: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Time not idle: what the process spent working. */
  readonly busyMs: number;
  readonly functions: SelfTime[];
  readonly parts: SelfTime[];
}

/** The part of the program a frame belongs to, for the grouped view. */
function partOf(name: string, url: string): string {
  if (name === '(idle)') return 'idle (waiting for I/O)';
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(program)') return 'V8/native, unattributed (program)';
  const u = url.replace(/^file:\/\//, '');
  if (u.includes('/src/sources/ingest/')) return 'parsing (src/sources/ingest)';
  if (u.includes('/src/evaluate/detectors/')) return 'detector (src/evaluate/detectors)';
  if (u.includes('/src/evaluate/metrics/'))
    return 'series registry, rollups, rules (src/evaluate/metrics)';
  if (u.includes('/src/storage/wal/')) return 'write-ahead log (src/storage/wal)';
  if (
    u.includes('/src/storage/') ||
    u.includes('/node_modules/kysely/') ||
    u.includes('/node_modules/better-sqlite3/') ||
    u.includes('/node_modules/pg')
  )
    return 'database flush (storage, kysely, driver)';
  if (u.includes('/src/services/metrics/')) return 'pipeline (src/services/metrics)';
  if (u.includes('/src/')) return 'other Surety code (src/)';
  if (
    u.includes('/node_modules/fastify') ||
    u.includes('/node_modules/@fastify/') ||
    u.includes('/node_modules/find-my-way') ||
    u.includes('/node_modules/light-my-request') ||
    u.includes('/node_modules/avvio')
  )
    return 'Fastify';
  if (u.includes('/node_modules/pino')) return 'logging (pino)';
  if (u.includes('/node_modules/')) return 'other dependencies';
  if (u.startsWith('node:') || u === '')
    return name === '' ? 'Node.js internals' : `Node.js internals`;
  return 'other';
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; attribute to sample i the time until the next one.
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0;
    selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + Math.max(0, dt));
  }
  const fns = new Map<string, { name: string; where: string; us: number }>();
  const parts = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || '(anonymous)';
    const url = n.callFrame.url;
    const where = url
      ? `${url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
      : '';
    const key = `${name}@${where}`;
    const f = fns.get(key) ?? { name, where, us: 0 };
    f.us += us;
    fns.set(key, f);
    const part = partOf(name, url);
    parts.set(part, (parts.get(part) ?? 0) + us);
    totalUs += us;
    if (name === '(idle)') idleUs += us;
  }
  const busyUs = totalUs - idleUs;
  const share = (us: number) => (busyUs > 0 ? us / busyUs : 0);
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    functions: [...fns.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: share(f.us) })),
    parts: [...parts.entries()]
      .filter(([name]) => !name.startsWith('idle'))
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, where: '', ms: us / 1000, share: share(us) })),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const out: string[] = [];
  out.push(
    `CPU profile: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(s.busyMs / 1000).toFixed(1)} s busy (shares below are of busy time, self time only)`,
  );
  out.push('by part of the program:');
  for (const p of s.parts)
    out.push(
      `  ${(p.share * 100).toFixed(1).padStart(5)} %  ${p.ms.toFixed(0).padStart(7)} ms  ${p.name}`,
    );
  out.push('top functions:');
  for (const f of s.functions)
    out.push(
      `  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`,
    );
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cli = {
    usage: 'node dist/bench/kit/cpu.js FILE.cpuprofile [--top N]',
    operands: 'FILE.cpuprofile',
    options: { top: { type: 'int', default: 25, min: 1, help: 'functions to list' } },
  } as const;
  const { options, operands } = parseCommandLine(cli);
  const file = operands[0];
  if (!file || operands.length > 1) {
    process.stderr.write(`usage: ${cli.usage}\n`);
    process.exit(2);
  }
  process.stdout.write(`${formatProfile(summarizeProfile(file, options.top))}\n`);
}
