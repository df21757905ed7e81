import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand, given } from '../../core-command.js';
import { windowLine } from './shared.js';

export function maintenanceAddCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('add')
      .description('declare planned maintenance ahead of time')
      .requiredOption('--service <id>', 'the service, or * for every service')
      .option('--start <time>', 'a one-off window: its start (RFC 3339 with offset)')
      .option('--end <time>', 'a one-off window: its end')
      .option('--every <rule>', 'a recurring window, like "every week on sun 02:00-03:00"')
      .option('--title <text>'),
    async (ctx, _a, o) =>
      (await import('../../../services/maintenance/create.js')).createMaintenance({
        ctx,
        input: given({
          service: o.service,
          start: o.start,
          end: o.end,
          every: o.every,
          title: o.title,
        }),
      }),
    windowLine,
  );
}
