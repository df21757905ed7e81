import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentDetail } from '../../formatters/availability.js';
import { coreCommand } from '../../core-command.js';

export function incidentsNoteCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('note')
      .description('add a note to the timeline')
      .argument('<id>', 'the incident id')
      .argument('<text>', 'the note'),
    async (ctx, [id, text]) =>
      (await import('../../../services/incidents/add-event.js')).addIncidentEvent({
        ctx,
        input: { id: Number(id), event: { type: 'note', note: text } },
      }),
    incidentDetail,
  );
}
