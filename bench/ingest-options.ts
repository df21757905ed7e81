/** The command line of bench/ingest.ts, shared by its phases. */
import { resolve } from 'node:path';
import { parseOptions, postgresUrl, type OptionValues } from './kit/options.js';

const CLI = {
  usage: 'node dist/bench/ingest.js [options]',
  options: {
    seconds: { type: 'int', default: 20, min: 1, max: 3600, help: 'length of each timed wrk run' },
    warmup: {
      type: 'int',
      default: 5,
      max: 600,
      help: 'seconds of load before each timed run, not counted',
    },
    connections: {
      type: 'int',
      default: 16,
      min: 1,
      max: 1000,
      help: 'wrk connections, all on one wrk thread (-t1 -cN)',
    },
    series: {
      type: 'int',
      default: 10_000,
      min: 1,
      max: 10_000_000,
      help: 'series (lines) per round: each has 2 fields, so 2N series keys',
    },
    lines: {
      type: 'int',
      default: 5_000,
      min: 1,
      max: 100_000,
      help: 'lines per body; --series must be a multiple of it',
    },
    templates: {
      type: 'int',
      default: 10,
      min: 1,
      max: 1000,
      help: 'rounds of distinct values before they repeat (10: 20 bodies)',
    },
    step: {
      type: 'int',
      default: 10,
      min: 1,
      max: 86_400,
      arg: 'S',
      help: "data time between rounds, seconds (10: Telegraf's interval)",
    },
    memorySeries: {
      type: 'int',
      default: 1_000_000,
      max: 10_000_000,
      help: 'new series keys created in the memory phase (0 skips it)',
    },
    skipInflux: { type: 'flag', help: 'do not run InfluxDB' },
    db: {
      type: 'choice',
      choices: ['sqlite', 'postgres'],
      default: 'sqlite',
      help: "Surety's database",
    },
    pgUrl: {
      type: 'string',
      arg: 'URL',
      default: 'postgres://postgres@127.0.0.1:5432/test',
      check: postgresUrl,
      help: 'with --db postgres; the benchmark works in a fresh schema and drops it',
    },
    noRules: {
      type: 'flag',
      help: "no metrics section in the policy: no rules, sketches or anomaly alerts (rollups and the detector's score on every point stay)",
    },
    profile: {
      type: 'string',
      arg: 'DIR',
      help: 'run Surety under node --cpu-prof, keep the profile in DIR, print its top functions',
    },
    serverFlags: {
      type: 'string',
      arg: '"…"',
      default: '',
      help: 'extra node flags for the Surety process (e.g. "--max-semi-space-size=64")',
    },
  },
} as const;

export interface Options extends Omit<
  OptionValues<typeof CLI.options>,
  'noRules' | 'serverFlags' | 'profile'
> {
  readonly rules: boolean;
  readonly profile: string | undefined;
  readonly serverFlags: readonly string[];
}

export function ingestOptions(argv?: readonly string[]): Options {
  const o = parseOptions(CLI, argv);
  if (o.series % o.lines !== 0) {
    process.stderr.write(`--series (${o.series}) must be a multiple of --lines (${o.lines})\n`);
    process.exit(2);
  }
  return {
    ...o,
    rules: !o.noRules,
    profile: o.profile === undefined ? undefined : resolve(o.profile),
    serverFlags: o.serverFlags.split(/\s+/).filter((f) => f !== ''),
  };
}
