import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentDetail } from '../../formatters/availability.js';
import { coreCommand } from '../../core-command.js';

export function incidentsShowCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('show')
      .description('an incident with its timeline and clocks')
      .argument('<id>', 'the incident id'),
    async (ctx, [id]) =>
      (await import('../../../services/incidents/get.js')).getIncident({
        ctx,
        input: { id: Number(id) },
      }),
    incidentDetail,
  );
}
