import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { maintenanceTable } from '../../formatters/availability.js';
import { coreCommand, given } from '../../core-command.js';

export function maintenanceListCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('list')
      .description('maintenance windows')
      .option('--service <id>')
      .option('--all', 'include cancelled ones'),
    async (ctx, _a, o) =>
      (await import('../../../services/maintenance/list.js')).listMaintenance({
        ctx,
        input: given({ service: o.service, all: o.all ? 'true' : undefined }),
      }),
    maintenanceTable,
  );
}
