import type { Random } from '../domain/random.js';
import { HOUR } from '../domain/duration.js';

/**
 * Line protocol for the series the default policy watches (latency, errors, requests, CPU,
 * memory) from two hosts, every `stepMs`, one chunk a day: a daily cycle, noise, and a few
 * incidents (latency and error spikes, a CPU saturation) for the anomaly detector to find.
 */
export function* demoMetrics(
  r: Random,
  from: number,
  to: number,
  stepMs: number,
): Generator<Buffer> {
  const hosts = ['web-1', 'web-2'];
  const incidents: Array<[number, number]> = [];
  for (let t = from + 5 * 24 * HOUR; t < to; t += (9 + r.next() * 14) * 24 * HOUR)
    incidents.push([t, t + (0.5 + r.next()) * HOUR]);
  const inIncident = (t: number) => incidents.some(([a, b]) => t >= a && t < b);
  let lines: string[] = [];
  let dayEnd = from + 24 * HOUR;
  for (let t = from; t < to; t += stepMs) {
    const hourOfDay = (t / HOUR + 8) % 24;
    const load = 0.55 + 0.4 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
    const bad = inIncident(t);
    for (const host of hosts) {
      const requests = Math.max(1, Math.round(1200 * load * (0.9 + r.next() * 0.2)));
      const latency = (bad ? 900 : 140 + 90 * load) * (0.85 + r.next() * 0.3);
      const errors = Math.round(requests * (bad ? 0.04 : 0.002) * r.next() * 2);
      const idle = Math.max(1, Math.min(99, (bad ? 8 : 70 - 40 * load) + r.gauss() * 3));
      const mem = Math.max(5, Math.min(99, 55 + 15 * load + r.gauss() * 2));
      const s = Math.floor(t / 1000);
      lines.push(
        `http_requests,host=${host},service=api latency_ms=${latency.toFixed(1)},errors=${errors},requests=${requests} ${s}`,
      );
      lines.push(`cpu,host=${host},cpu=cpu-total usage_idle=${idle.toFixed(2)} ${s}`);
      lines.push(`mem,host=${host} used_percent=${mem.toFixed(2)} ${s}`);
    }
    if (t + stepMs >= dayEnd) {
      yield Buffer.from(lines.join('\n') + '\n');
      lines = [];
      dayEnd += 24 * HOUR;
    }
  }
  if (lines.length > 0) yield Buffer.from(lines.join('\n') + '\n');
}
