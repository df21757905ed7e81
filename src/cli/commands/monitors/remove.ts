import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand } from '../../core-command.js';

export function monitorsRemoveCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('remove')
      .description('stop a monitor; its history stays in the reports')
      .argument('<id>'),
    async (ctx, [id]) =>
      (await import('../../../services/monitors/save.js')).removeMonitor({
        ctx,
        input: { id: id! },
      }),
    (r) => `monitor ${r.id} removed\n`,
  );
}
