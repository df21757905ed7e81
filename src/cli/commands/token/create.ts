import { Command, Option } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';

export function tokenCreateCommand(io: CliIo): Command {
  return withCoreOptions(new Command('create'))
    .description('issue an API token; its secret is printed this once')
    .addOption(
      new Option(
        '--role <role>',
        'what the token may do (probe: a `surety agent` at one location; auditor: reads everything, writes only assessments)',
      )
        .choices(['admin', 'agent', 'customer', 'probe', 'auditor'])
        .makeOptionMandatory(),
    )
    .option('--location <name>', 'for a probe token: the location the agent runs at')
    .option('--customer <id>', 'for a customer token: the customer it may see')
    .option('--name <text>', 'what the token is for')
    .addOption(outputOption())
    .action(async (opts) => {
      const [{ openCore }, { createToken }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/tokens/create.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        if (opts.role === 'probe') {
          const { createProbeToken } =
            await import('../../../services/agents/create-probe-token.js');
          const t = await createProbeToken({
            ctx: core.context(core.operator),
            input: Object.fromEntries(
              Object.entries({ location: opts.location, name: opts.name }).filter(
                ([, v]) => v !== undefined,
              ),
            ),
          });
          io.out(
            opts.output === 'json'
              ? `${JSON.stringify(t, null, 2)}\n`
              : `${t.token}\n(probe token ${t.id} for location ${t.location}; shown once, keep it safe)\n`,
          );
          return;
        }
        const input = Object.fromEntries(
          Object.entries({ role: opts.role, customer: opts.customer, name: opts.name }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        const token = await createToken({ ctx: core.context(core.operator), input });
        if (opts.output === 'json') io.out(`${JSON.stringify(token, null, 2)}\n`);
        else
          io.out(
            `${token.token}\n(${token.role} token ${token.id}${token.customer ? ` for customer ${token.customer}` : ''}; shown once, keep it safe)\n`,
          );
      } finally {
        await core.close();
      }
    });
}
