import { Command, Option } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand, given } from '../../core-command.js';
import { monitorDetail } from '../../formatters/availability.js';

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
    (m) => monitorDetail(m),
  );
}
