import { Command, Option } from 'commander';
import { configFrom, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';

const int = (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v)) throw new Error(`"${v}" is not a whole number`);
  return n;
};

/** `surety demo`: fills a fresh data dir with a generated quarter of service. */
export function demoCommand(io: CliIo): Command {
  return withCoreOptions(new Command('demo'))
    .description(
      'fill a fresh data dir with a generated, realistic quarter: customers, tickets, metrics, an improvement plan',
    )
    .addOption(new Option('--days <n>', 'days of history up to now').argParser(int).default(92))
    .addOption(
      new Option('--tickets-per-day <n>', 'average tickets a day').argParser(int).default(40),
    )
    .addOption(
      new Option('--metric-step <minutes>', 'minutes between metric samples (0: none)')
        .argParser(int)
        .default(5),
    )
    .addOption(
      new Option('--seed <n>', 'the same seed makes the same data').argParser(int).default(7),
    )
    .action(async (opts) => {
      const { runDemo } = await import('../../../runtime/demo.js');
      const config = configFrom(opts);
      const started = Date.now();
      const r = await runDemo(config, {
        days: opts.days,
        ticketsPerDay: opts.ticketsPerDay,
        metricStepMinutes: opts.metricStep,
        seed: opts.seed,
      });
      io.out(
        [
          `demo data in ${config.dataDir}: ${r.customers} customers, ${r.tickets} tickets, ${r.points} metric points, ${r.improvements} improvement items (${r.from} … ${r.to}), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          `admin token:    ${r.adminToken}`,
          `customer token: ${r.customerToken}   (ACME Ltd)`,
          `now run: surety serve --data-dir ${config.dataDir}   and open http://127.0.0.1:8080/ with the admin token`,
          '',
        ].join('\n'),
      );
    });
}
