import { Command } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';
import { table } from '../../formatters/table.js';

export function oncallCommand(io: CliIo): Command {
  return withCoreOptions(new Command('oncall'))
    .description('who is on call now (or --at a moment), per schedule, and who is in quiet hours')
    .option('--at <date-time>', 'an RFC 3339 date-time')
    .option('--schedule <name>', 'one schedule')
    .addOption(outputOption())
    .action(async (opts) => {
      const [{ openCore }, { whoIsOnCall }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/oncall/who.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        const r = await whoIsOnCall({
          ctx: core.context(core.operator),
          input: {
            ...(opts.at ? { at: opts.at } : {}),
            ...(opts.schedule ? { schedule: opts.schedule } : {}),
          },
        });
        io.out(
          opts.output === 'json'
            ? `${JSON.stringify(r, null, 2)}\n`
            : `On call at ${r.at}\n\n` +
                table(
                  ['schedule', 'on call', 'since', 'until', 'next'],
                  r.schedules.map((s) => [
                    s.schedule,
                    `${s.onCall.name}${s.override ? ' (override)' : ''}`,
                    s.since,
                    s.until,
                    s.next.name,
                  ]),
                ),
        );
      } finally {
        await core.close();
      }
    });
}
