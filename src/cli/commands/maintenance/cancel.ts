import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand } from '../../core-command.js';
import { windowLine } from './shared.js';

export function maintenanceCancelCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('cancel')
      .description('cancel a window (what already passed stays planned)')
      .argument('<id>'),
    async (ctx, [id]) =>
      (await import('../../../services/maintenance/cancel.js')).cancelMaintenance({
        ctx,
        input: { id: Number(id) },
      }),
    windowLine,
  );
}
