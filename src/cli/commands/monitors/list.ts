import { Command, Option } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand, given } from '../availability/core-action.js';

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
    (r) => monitorsTableLazy(r),
  );
}

export function monitorsShowCommand(io: CliIo): Command {
  const cmd = new Command('show')
    .description('one monitor: its state, and what each location saw last')
    .argument('<id>', 'the monitor id');
  return coreCommand(
    io,
    cmd,
    async (ctx, [id]) =>
      (await import('../../../services/monitors/get.js')).getMonitor({ ctx, input: { id: id! } }),
    (m) => detailLazy(m),
  );
}

// Formatters are small and load with the command's result.
import {
  monitorDetail as detailLazy,
  monitorsTable as monitorsTableLazy,
} from '../../formatters/availability.js';

export function monitorsAddCommand(io: CliIo): Command {
  const cmd = new Command('add')
    .description('add a monitor (a running server starts checking it within seconds)')
    .requiredOption('--id <id>', 'the monitor id, like api-health')
    .requiredOption('--service <id>', 'the service it measures')
    .addOption(
      new Option('--type <type>', 'what it probes')
        .choices(['http', 'tcp', 'dns', 'heartbeat'])
        .makeOptionMandatory(),
    )
    .option('--target <target>', 'http: the URL; tcp: host:port; dns: the name to query')
    .option(
      '--interval <seconds>',
      'how often to check (for a heartbeat: how often the job reports in)',
    )
    .option('--failures-before-down <n>', 'consecutive failures before it counts as down')
    .option('--customer <id>', 'the contract it counts for')
    .option('--locations <names>', 'comma-separated, like local,frankfurt');
  return coreCommand(
    io,
    cmd,
    async (ctx, _args, o) =>
      (await import('../../../services/monitors/save.js')).createMonitor({
        ctx,
        input: given({
          id: o.id,
          service: o.service,
          type: o.type,
          target: o.target,
          intervalSeconds: o.interval === undefined ? undefined : Number(o.interval),
          failuresBeforeDown:
            o.failuresBeforeDown === undefined ? undefined : Number(o.failuresBeforeDown),
          customer: o.customer,
          locations: o.locations === undefined ? undefined : String(o.locations).split(','),
        }),
      }),
    (m) => detailLazy(m),
  );
}

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

export function monitorsCommand(io: CliIo): Command {
  return new Command('monitors')
    .description('monitors and their state')
    .addCommand(monitorsListCommand(io))
    .addCommand(monitorsShowCommand(io))
    .addCommand(monitorsAddCommand(io))
    .addCommand(monitorsRemoveCommand(io));
}
