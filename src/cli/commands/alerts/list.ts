import { Command, Option } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';
import { table } from '../../formatters/table.js';

export function alertsListCommand(io: CliIo): Command {
  return withCoreOptions(new Command('list'))
    .description('alerts, newest first: open ones unless --status says otherwise')
    .addOption(
      new Option('--status <status>', 'which alerts')
        .choices(['open', 'triggered', 'acknowledged', 'resolved', 'all'])
        .default('open'),
    )
    .option('--customer <id>', "one customer's alerts")
    .addOption(outputOption())
    .action(async (opts) => {
      const [{ openCore }, { listAlerts }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/alerts/list.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        const r = await listAlerts({
          ctx: core.context(core.operator),
          input: { status: opts.status, ...(opts.customer ? { customer: opts.customer } : {}) },
        });
        io.out(
          opts.output === 'json'
            ? `${JSON.stringify(r, null, 2)}\n`
            : table(
                ['id', 'status', 'severity', 'opened', 'level', 'summary'],
                r.alerts.map((a) => [
                  String(a.id),
                  a.status,
                  a.severity + (a.expedite ? ' (expedite)' : ''),
                  a.openedAt,
                  a.level === null ? '-' : String(a.level),
                  a.summary,
                ]),
              ),
        );
      } finally {
        await core.close();
      }
    });
}
