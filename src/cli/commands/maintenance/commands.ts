import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { maintenanceTable } from '../../formatters/availability.js';
import { coreCommand, given } from '../availability/core-action.js';

const one = (w: { id: number; service: string; title: string }) =>
  `maintenance window ${w.id} for ${w.service}: ${w.title}\n`;

export function maintenanceCommand(io: CliIo): Command {
  const list = coreCommand(
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
  const add = coreCommand(
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
    one,
  );
  const cancel = coreCommand(
    io,
    new Command('cancel')
      .description('cancel a window (what already passed stays planned)')
      .argument('<id>'),
    async (ctx, [id]) =>
      (await import('../../../services/maintenance/cancel.js')).cancelMaintenance({
        ctx,
        input: { id: Number(id) },
      }),
    one,
  );
  return new Command('maintenance')
    .description('planned maintenance windows')
    .addCommand(list)
    .addCommand(add)
    .addCommand(cancel);
}
