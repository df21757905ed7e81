/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and sums self time per function and per part
 * of the program, for bench/ingest.ts --profile. Also usable alone:
 *
 *   node dist/bench/cpu-profile.js FILE.cpuprofile [--top N]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile.js FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  process.stdout.write(
    `${formatProfile(summarizeProfile(file, i > 0 ? Number(process.argv[i + 1]) : 25))}\n`,
  );
}
