import { seeded } from '../src/domain/random.js';
/**
 * The line-protocol bodies of bench/ingest.ts: a fleet of hosts, each reporting five
 * measurements with three tags (host, region, service; cpu also has cpu=cpu-total) and two
 * fields (a float and an integer), as Telegraf sends them (tags sorted, one line per
 * measurement and host).
 *
 * Bodies are written without timestamps: each line ends in a space and the wrk script
 * appends the round's timestamp to every line as it sends the body (see ingest-wrk.ts), so
 * time moves forward however long the run, while the values repeat every `templates` rounds.
 */

/**
 * measurement (with any tag that sorts before `host`), float field, integer field, typical
 * float value, typical integer value. Named as Telegraf names them, so the metric rules of
 * examples/guarantee.yaml (latency p95, CPU idle, memory, error ratio) watch these series.
 */
export const MEASUREMENTS: ReadonlyArray<readonly [string, string, string, number, number]> = [
  ['cpu,cpu=cpu-total', 'usage_idle', 'processes', 65, 180],
  ['mem', 'used_percent', 'available_mb', 60, 12_000],
  ['http_requests', 'latency_ms', 'requests', 120, 2_400],
  ['disk', 'used_percent', 'inodes_free', 45, 900_000],
  ['net', 'recv_mbps', 'errors', 80, 3],
];
const REGIONS = [
  'ap-east-1',
  'ap-southeast-1',
  'eu-central-1',
  'eu-west-1',
  'us-east-1',
  'us-west-2',
];
const SERVICES = [
  'api-gateway',
  'auth',
  'billing',
  'catalog',
  'checkout',
  'search',
  'inventory',
  'notifications',
  'orders',
  'payments',
  'pricing',
  'profile',
  'recommendations',
  'reviews',
  'shipping',
  'tickets',
  'media',
  'reports',
  'scheduler',
  'sessions',
];

export const FIELDS_PER_LINE = 2;

/** The series part of line `s` (measurement and tags, sorted) and its field names. */
function seriesOf(
  s: number,
  hostPrefix: string,
): { series: string; m: (typeof MEASUREMENTS)[number] } {
  const m = MEASUREMENTS[s % MEASUREMENTS.length]!;
  const h = Math.floor(s / MEASUREMENTS.length);
  const host = `${hostPrefix}-${String(h).padStart(5, '0')}`;
  return {
    series: `${m[0]},host=${host},region=${REGIONS[h % REGIONS.length]},service=${SERVICES[(h * 7) % SERVICES.length]}`,
    m,
  };
}

export interface BodySet {
  /** Bodies without timestamps: every line ends with a space, lines end with "\n". */
  readonly bodies: string[];
  /** Bodies per round: a round reports every series once. */
  readonly bodiesPerRound: number;
  readonly linesPerBody: number;
  readonly pointsPerBody: number;
  readonly bytesPerBody: number;
}

/**
 * `templates` rounds of `series` lines (each line one series with two fields), cut into
 * bodies of `linesPerBody` lines. Values wander slowly (a daily-looking sine plus noise);
 * the last round's values lead smoothly into the first's, so cycling looks continuous.
 */
export function makeBodies(
  series: number,
  linesPerBody: number,
  templates: number,
  seed = 1,
): BodySet {
  if (series % linesPerBody !== 0)
    throw new Error(`--series (${series}) must be a multiple of --lines (${linesPerBody})`);
  const rand = seeded(seed).next;
  const parts = Array.from({ length: series }, (_, s) => seriesOf(s, 'host'));
  const level = parts.map(({ m }) => m[3] * (0.5 + rand()));
  const countLevel = parts.map(({ m }) => m[4] * (0.5 + rand()));
  const phase = parts.map(() => rand() * 2 * Math.PI);
  const bodiesPerRound = series / linesPerBody;
  const bodies: string[] = [];
  for (let r = 0; r < templates; r++) {
    const angle = (2 * Math.PI * r) / templates;
    for (let b = 0; b < bodiesPerRound; b++) {
      const lines: string[] = [];
      for (let s = b * linesPerBody; s < (b + 1) * linesPerBody; s++) {
        const { series: key, m } = parts[s]!;
        const wave = 1 + 0.15 * Math.sin(angle + phase[s]!);
        const value = level[s]! * wave * (1 + 0.02 * (rand() - 0.5));
        const count = Math.max(0, Math.round(countLevel[s]! * wave + 2 * (rand() - 0.5)));
        lines.push(`${key} ${m[1]}=${value.toFixed(2)},${m[2]}=${count}i `);
      }
      bodies.push(`${lines.join('\n')}\n`);
    }
  }
  return {
    bodies,
    bodiesPerRound,
    linesPerBody,
    pointsPerBody: linesPerBody * FIELDS_PER_LINE,
    bytesPerBody: Buffer.byteLength(bodies[0]!) + linesPerBody * 20,
  };
}

/**
 * A body of `lines` series never seen before (lines `from`…`from + lines - 1` of a second
 * fleet), stamped `timeNs`: for measuring the memory each new series takes.
 */
export function freshSeriesBody(from: number, lines: number, timeNs: string): string {
  const out: string[] = [];
  for (let s = from; s < from + lines; s++) {
    const { series, m } = seriesOf(s, 'node');
    out.push(
      `${series} ${m[1]}=${(m[3] * (1 + (s % 7) / 10)).toFixed(2)},${m[2]}=${m[4] + (s % 13)}i ${timeNs}`,
    );
  }
  return `${out.join('\n')}\n`;
}
