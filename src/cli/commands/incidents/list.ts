import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentsTable } from '../../formatters/availability.js';
import { coreCommand, given } from '../../core-command.js';

export function incidentsListCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('list')
      .description('incidents, newest first')
      .option('--service <id>', 'only this service')
      .option(
        '--state <states>',
        'open, acknowledged, mitigated, resolved or active (comma-separated)',
      ),
    async (ctx, _a, o) =>
      (await import('../../../services/incidents/list.js')).listIncidents({
        ctx,
        input: given({ service: o.service, state: o.state }),
      }),
    incidentsTable,
  );
}
