import { Command, Option } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand, given } from '../availability/core-action.js';

export function monitorsListCommand(io: CliIo): Command {
  const cmd = new Command('list')
    .description('every monitor with its live state at each location')
    .option('--service <id>', 'only the monitors of this service')
    .addOption(new Option('--state <state>', 'only monitors in this state').choices(['up', 'down', 'unknown']));
  return coreCommand(
    io,
    cmd,
    async (ctx, _args, o) => (await import('../../../services/monitors/read.js')).listMonitors({ ctx, input: given({ service: o.service, state: o.state }) }),
    (r) => monitorsTableLazy(r),
  );
}

export function monitorsShowCommand(io: CliIo): Command {
  const cmd = new Command('show').description('one monitor: its state, and what each location saw last').argument('<id>', 'the monitor id');
  return coreCommand(
    io,
    cmd,
    async (ctx, [id]) => (await import('../../../services/monitors/read.js')).getMonitor({ ctx, input: { id: id! } }),
    (m) => detailLazy(m),
  );
}

// Formatters are small and load with the command's result.
import { monitorDetail as detailLazy, monitorsTable as monitorsTableLazy } from '../../formatters/availability.js';

export function monitorsCommand(io: CliIo): Command {
  return new Command('monitors').description('monitors and their state').addCommand(monitorsListCommand(io)).addCommand(monitorsShowCommand(io));
}
