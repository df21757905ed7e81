import { Command, Option } from 'commander';
import { configFrom, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';

export function creditsCommand(io: CliIo): Command {
  return withCoreOptions(new Command('credits'))
    .description(
      'the monthly service-credit statement per customer: every line with its commitment, ticket or incident, due and breach time',
    )
    .requiredOption('--month <YYYY-MM>', 'a calendar month in the policy time zone')
    .option('--customer <id>', 'one customer only')
    .option(
      '--audit',
      "print the changes to the month's ledger instead (what changed, why, by whom)",
    )
    .addOption(
      new Option('-f, --format <format>', 'how to print it')
        .choices(['table', 'json', 'csv'])
        .default('table'),
    )
    .action(async (opts) => {
      const [
        { openCore },
        { creditStatement, creditAudit },
        { creditsCsv, creditsTable },
        { availabilityCreditFacts },
      ] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/credits/statement.js'),
        import('../../formatters/credits.js'),
        import('../../../services/availability/credit-facts.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        const ctx = core.context(core.operator);
        const input = { month: opts.month, ...(opts.customer ? { customer: opts.customer } : {}) };
        if (opts.audit) {
          io.out(`${JSON.stringify(await creditAudit({ ctx, input }), null, 2)}\n`);
          return;
        }
        // With the availability stage's facts, as the server has them: the statement recomputes the ledger.
        const statement = await creditStatement({
          ctx,
          input,
          availability: availabilityCreditFacts(core.store, core.policy, core.time),
        });
        io.out(
          opts.format === 'json'
            ? `${JSON.stringify(statement, null, 2)}\n`
            : opts.format === 'csv'
              ? creditsCsv(statement)
              : creditsTable(statement),
        );
      } finally {
        await core.close();
      }
    });
}
