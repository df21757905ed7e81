import { Command } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';

export function complianceCommand(io: CliIo): Command {
  return withCoreOptions(new Command('compliance'))
    .description(
      'every commitment over a month or range: value, target, met or breached, and the tickets behind each breach',
    )
    .option('--month <YYYY-MM>', 'a calendar month in the policy time zone')
    .option('--from <date>', 'start of a range (2026-10-01 or a date-time)')
    .option('--to <date>', 'end of a range (a date is inclusive)')
    .option('--customer <id>', 'one customer, with its own targets')
    .addOption(outputOption())
    .action(async (opts) => {
      const [{ openCore }, { complianceReport }, { complianceTable }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/compliance/report.js'),
        import('../../formatters/compliance.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        const input = Object.fromEntries(
          Object.entries({
            month: opts.month,
            from: opts.from,
            to: opts.to,
            customer: opts.customer,
          }).filter(([, v]) => v !== undefined),
        );
        const report = await complianceReport({
          ctx: core.context(core.operator),
          input,
        });
        io.out(
          opts.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : complianceTable(report),
        );
      } finally {
        await core.close();
      }
    });
}
