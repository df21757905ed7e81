import type { Logger } from 'pino';
import type { TimeSource } from '../domain/time.js';
import { compileMonitor } from '../policy/monitors/compile-monitor.js';
import type { CheckResult } from '../sources/probes/check-result.js';
import { runCheck } from '../sources/probes/checker.js';
import type { Monitor } from '../policy/monitors/monitor.js';
import {
  ProbeScheduler,
  realTimers,
  type SchedulerTimers,
} from '../sources/probes/probe-scheduler.js';
import { createCheckers } from './checkers.js';
import { systemTime } from './time.js';

export interface AgentOptions {
  /** The Surety server, like https://surety.example.com. */
  readonly server: string;
  readonly token: string;
  readonly location: string;
  readonly logger: Logger;
  readonly time?: TimeSource;
  readonly timers?: SchedulerTimers;
  /** The local address probes connect from. */
  readonly localAddress?: string | undefined;
  /** Results kept while the server cannot be reached (the oldest go first past this). */
  readonly maxBuffered?: number;
  readonly version?: string;
}

interface Pending {
  readonly monitor: string;
  readonly result: CheckResult;
}

/**
 * `surety agent`: runs the probes of one location elsewhere and reports to the server. It asks
 * the server which monitors it runs (again every refreshSeconds), checks them on the scheduler
 * with the real checkers, and posts results in batches every reportSeconds; a batch that cannot
 * be posted is kept and sent with the next one, so a network outage loses nothing the agent saw.
 */
export class ProbeAgent {
  readonly scheduler: ProbeScheduler<Monitor>;
  private readonly time: TimeSource;
  private readonly timers: SchedulerTimers;
  private readonly checkers;
  private buffer: Pending[] = [];
  private known = new Map<string, string>();
  private work: Promise<void> = Promise.resolve();
  private reportTimer: unknown;
  private refreshTimer: unknown;
  private stopped = false;
  reportMs = 10_000;
  refreshMs = 30_000;
  /** Posts that failed in a row (0 while the server answers). */
  failures = 0;
  lastError: string | undefined;

  constructor(private readonly options: AgentOptions) {
    this.time = options.time ?? systemTime;
    this.timers = options.timers ?? realTimers;
    // Heartbeats are checked at the server; an agent never runs them.
    this.checkers = createCheckers(async () => ({ since: 0 }), {
      localAddress: options.localAddress,
    });
    this.scheduler = new ProbeScheduler<Monitor>({
      timers: this.timers,
      maxInFlight: 256,
      run: (m, _due, signal) => this.check(m, signal),
    });
  }

  async start(): Promise<void> {
    await this.refresh();
    this.scheduler.start();
    this.armReport();
    this.armRefresh();
  }

  private url(path: string): string {
    return `${this.options.server.replace(/\/+$/, '')}/api/v1/agent/${path}?location=${encodeURIComponent(this.options.location)}${this.options.version ? `&version=${encodeURIComponent(this.options.version)}` : ''}`;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(this.url(path), {
      method,
      headers: {
        authorization: `Bearer ${this.options.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        /* not JSON */
      }
      throw Object.assign(new Error(`${method} ${path}: HTTP ${res.status}: ${message}`), {
        status: res.status,
      });
    }
    return text === '' ? undefined : JSON.parse(text);
  }

  /** Asks for the location's monitors and applies the changes to the scheduler. */
  refresh(): Promise<void> {
    this.work = this.work.then(async () => {
      try {
        const r = (await this.call('GET', 'monitors')) as {
          monitors: Array<{ id: string; definition: unknown }>;
          reportSeconds: number;
          refreshSeconds: number;
        };
        this.reportMs = r.reportSeconds * 1000;
        this.refreshMs = r.refreshSeconds * 1000;
        const next = new Map<string, string>();
        for (const m of r.monitors) {
          const compiled = compileMonitor(m.definition);
          if (!compiled.ok) {
            this.options.logger.warn(
              { monitor: m.id, problems: compiled.problems },
              'the server sent a monitor this agent cannot run',
            );
            continue;
          }
          const text = JSON.stringify(compiled.monitor);
          next.set(m.id, text);
          if (this.known.get(m.id) !== text)
            this.scheduler.upsert(compiled.monitor, { immediate: this.known.size > 0 });
        }
        for (const id of this.known.keys()) if (!next.has(id)) this.scheduler.remove(id);
        this.known = next;
      } catch (err) {
        this.noteFailure(err, 'fetching the monitors failed; running the ones known');
      }
    });
    return this.work;
  }

  private async check(m: Monitor, signal: AbortSignal): Promise<void> {
    const result = await runCheck(this.checkers.checkers, m, this.time.now(), signal);
    if (result.cause === 'aborted') return;
    this.buffer.push({ monitor: m.id, result });
    const max = this.options.maxBuffered ?? 100_000;
    if (this.buffer.length > max) this.buffer.splice(0, this.buffer.length - max);
  }

  /** Posts what was checked since the last report (an empty batch is the agent's heartbeat). */
  report(): Promise<void> {
    this.work = this.work.then(async () => {
      const batch = this.buffer.splice(0, 5_000);
      try {
        const r = (await this.call('POST', 'results', {
          results: batch,
          ...(this.options.version ? { version: this.options.version } : {}),
        })) as { ignored: unknown[] };
        if (this.failures > 0)
          this.options.logger.info({ after: this.failures }, 'the server is reachable again');
        this.failures = 0;
        this.lastError = undefined;
        if (r.ignored.length > 0)
          this.options.logger.warn(
            { ignored: r.ignored.slice(0, 5) },
            'the server ignored some results',
          );
      } catch (err) {
        this.buffer.unshift(...batch);
        this.noteFailure(err, 'reporting failed; the results are kept for the next report');
      }
    });
    return this.work;
  }

  private noteFailure(err: unknown, what: string) {
    this.failures++;
    this.lastError = err instanceof Error ? err.message : String(err);
    const status = (err as { status?: number }).status;
    const level =
      status === 401 || status === 403 ? 'error' : this.failures === 1 ? 'warn' : 'debug';
    this.options.logger[level]({ error: this.lastError, failures: this.failures }, what);
  }

  async idle(): Promise<void> {
    await this.scheduler.settled();
    await this.work;
  }

  private armReport() {
    if (this.stopped) return;
    this.reportTimer = this.timers.set(
      () => void this.report().finally(() => this.armReport()),
      this.reportMs,
    );
  }

  private armRefresh() {
    if (this.stopped) return;
    this.refreshTimer = this.timers.set(
      () => void this.refresh().finally(() => this.armRefresh()),
      this.refreshMs,
    );
  }

  get monitors(): number {
    return this.scheduler.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clear(this.reportTimer);
    this.timers.clear(this.refreshTimer);
    await this.scheduler.stop();
    await this.report();
    await this.checkers.close();
  }
}
