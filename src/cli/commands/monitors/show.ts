import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand } from '../../core-command.js';
import { monitorDetail } from '../../formatters/availability.js';

export function monitorsShowCommand(io: CliIo): Command {
  const cmd = new Command('show')
    .description('one monitor: its state, and what each location saw last')
    .argument('<id>', 'the monitor id');
  return coreCommand(
    io,
    cmd,
    async (ctx, [id]) =>
      (await import('../../../services/monitors/get.js')).getMonitor({ ctx, input: { id: id! } }),
    (m) => monitorDetail(m),
  );
}
