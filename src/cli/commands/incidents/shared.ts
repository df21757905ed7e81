import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentDetail } from '../../formatters/availability.js';
import { coreCommand, given } from '../../core-command.js';

/** ack, mitigate and resolve are the same command over a different timeline event. */
export function incidentStepCommand(
  io: CliIo,
  type: 'acknowledged' | 'mitigated' | 'resolved',
  name: string,
  what: string,
): Command {
  const cmd = new Command(name)
    .description(what)
    .argument('<id>', 'the incident id')
    .option('--note <text>', 'a note for the timeline')
    .option('--at <time>', 'when it happened (RFC 3339); now by default');
  return coreCommand(
    io,
    cmd,
    async (ctx, [id], o) =>
      (await import('../../../services/incidents/add-event.js')).addIncidentEvent({
        ctx,
        input: { id: Number(id), event: given({ type, note: o.note, at: o.at }) },
      }),
    incidentDetail,
  );
}
