import { invalidInput, type ErrorDetail } from '../../domain/errors.js';
import { compileMonitor } from '../../policy/monitors/compile-monitor.js';
import type { Monitor } from '../../policy/monitors/monitor.js';
import { describe } from '../../validation/explain.js';

/**
 * A monitor as the API takes it. Two spellings, freely mixed: the short one
 * (`target`, `intervalSeconds`, `timeoutSeconds`: what most tools send) and the policy file's
 * own fields (`url`, `host`/`port`, `domain`, `interval`, `period` …). The short one is turned
 * into the long one here, and problems are reported at the field the caller actually sent.
 */
export interface MonitorInput {
  readonly definition: Record<string, unknown>;
  readonly monitor: Monitor;
  readonly locations: readonly string[] | undefined;
}

const SHORT = ['target', 'intervalSeconds', 'timeoutSeconds', 'locations'];

export function readMonitorInput(body: unknown, idFromPath?: string): MonitorInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw invalidInput(`invalid monitor: the body must be a JSON object (got ${describe(body)})`);
  const raw = { ...(body as Record<string, unknown>) };
  if (idFromPath !== undefined) {
    if (raw.id !== undefined && raw.id !== idFromPath)
      throw invalidInput(
        `invalid monitor: id: the body says "${String(raw.id)}" but the path says "${idFromPath}"`,
        [{ path: '/id', message: 'differs from the path' }],
      );
    raw.id = idFromPath;
  }
  const problems: ErrorDetail[] = [];
  const moved = new Map<string, string>(); // native pointer → the pointer the caller used
  const def: Record<string, unknown> = Object.fromEntries(
    Object.entries(raw).filter(([k]) => !SHORT.includes(k)),
  );
  if (def.name === undefined && typeof raw.id === 'string') def.name = raw.id;

  const seconds = (key: 'intervalSeconds' | 'timeoutSeconds', into: string) => {
    const v = raw[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      return void problems.push({
        path: `/${key}`,
        message: `must be a positive number of seconds (got ${describe(v)})`,
      });
    if (def[into] !== undefined)
      return void problems.push({
        path: `/${key}`,
        message: `give either ${key} or ${into}, not both`,
      });
    def[into] = `${Math.round(v * 1000)}ms`;
    moved.set(`/${into}`, `/${key}`);
  };

  const type = raw.type;
  if (type === 'heartbeat') {
    // For a heartbeat the interval people give is how often the job reports in.
    if (raw.intervalSeconds !== undefined && def.period === undefined) {
      seconds('intervalSeconds', 'period');
      const period = typeof raw.intervalSeconds === 'number' ? raw.intervalSeconds * 1000 : 0;
      if (def.interval === undefined && period > 0)
        def.interval = `${Math.min(30_000, Math.max(1000, Math.round(period)))}ms`;
    } else seconds('intervalSeconds', 'interval');
  } else seconds('intervalSeconds', 'interval');
  seconds('timeoutSeconds', 'timeout');
  if (
    def.timeout === undefined &&
    typeof def.interval === 'string' &&
    /^\d+ms$/.test(def.interval) &&
    Number.parseInt(def.interval, 10) < 10_000
  )
    def.timeout = def.interval;

  const target = raw.target;
  if (target !== undefined) {
    if (typeof target !== 'string' || target === '')
      problems.push({
        path: '/target',
        message: `must be a non-empty string (got ${describe(target)})`,
      });
    else if (type === 'http') put(def, 'url', target, moved, problems);
    else if (type === 'dns') put(def, 'domain', target, moved, problems);
    else if (type === 'tcp') {
      const hp = splitHostPort(target);
      if (!hp)
        problems.push({
          path: '/target',
          message: `${describe(target)} is not "host:port" (like db.example.com:5432 or [::1]:5432)`,
        });
      else {
        put(def, 'host', hp.host, moved, problems);
        put(def, 'port', hp.port, moved, problems);
        moved.set('/port', '/target');
      }
    }
    // A heartbeat has no target: the job calls Surety. Any target given is kept as a note.
  }

  let locations: string[] | undefined;
  if (raw.locations !== undefined) {
    const l = raw.locations;
    if (
      !Array.isArray(l) ||
      l.length === 0 ||
      l.some((x) => typeof x !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(x))
    ) {
      problems.push({
        path: '/locations',
        message:
          'must be a list of location names like ["local", "frankfurt"] (lower-case letters, digits, "-" or "_")',
      });
    } else locations = [...new Set(l as string[])];
    if (type === 'heartbeat' && locations?.some((x) => x !== 'local'))
      problems.push({
        path: '/locations',
        message: 'a heartbeat is pinged at the server, so it runs at location local only',
      });
  }

  const compiled = compileMonitor(def, '');
  if (!compiled.ok)
    for (const p of compiled.problems)
      problems.push({ path: moved.get(p.path) ?? p.path, message: p.message });
  if (problems.length > 0 || !compiled.ok) {
    const unique = problems.filter((p, i) => problems.findIndex((q) => q.path === p.path) === i);
    throw invalidInput(
      `invalid monitor: ${unique.map((d) => `${d.path.slice(1).replace(/\//g, '.') || 'body'}: ${d.message}`).join('; ')}`,
      unique,
    );
  }
  return {
    definition: def,
    monitor: compiled.monitor,
    locations: type === 'heartbeat' ? ['local'] : locations,
  };
}

function put(
  def: Record<string, unknown>,
  key: string,
  value: unknown,
  moved: Map<string, string>,
  problems: ErrorDetail[],
) {
  if (def[key] !== undefined)
    return void problems.push({
      path: '/target',
      message: `give either target or ${key}, not both`,
    });
  def[key] = value;
  moved.set(`/${key}`, '/target');
}

function splitHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:\s]+):(\d{1,5})$/.exec(text);
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

/** The short form of a stored monitor, for views: what `target` and the seconds fields would be. */
export function targetOf(m: Monitor): string | null {
  switch (m.type) {
    case 'http':
      return m.url;
    case 'tcp':
      return m.host.includes(':') ? `[${m.host}]:${m.port}` : `${m.host}:${m.port}`;
    case 'dns':
      return m.domain;
    case 'heartbeat':
      return null;
  }
}
