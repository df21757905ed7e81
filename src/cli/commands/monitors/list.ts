import { Command, Option } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand, given } from '../../core-command.js';
import { monitorsTable } from '../../formatters/availability.js';

export function monitorsListCommand(io: CliIo): Command {
  const cmd = new Command('list')
    .description('every monitor with its live state at each location')
    .option('--service <id>', 'only the monitors of this service')
    .addOption(
      new Option('--state <state>', 'only monitors in this state').choices([
        'up',
        'down',
        'unknown',
      ]),
    );
  return coreCommand(
    io,
    cmd,
    async (ctx, _args, o) =>
      (await import('../../../services/monitors/list.js')).listMonitors({
        ctx,
        input: given({ service: o.service, state: o.state }),
      }),
    (r) => monitorsTable(r),
  );
}
