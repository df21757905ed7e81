import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentDetail, incidentsTable } from '../../formatters/availability.js';
import { coreCommand, given } from '../availability/core-action.js';

function step(
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

export function incidentsCommand(io: CliIo): Command {
  const list = coreCommand(
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
  const show = coreCommand(
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
  const open = coreCommand(
    io,
    new Command('open')
      .description('open an incident by hand')
      .requiredOption('--service <id>', 'the service that failed')
      .requiredOption('--title <text>', 'what is wrong')
      .option('--note <text>')
      .option('--detected-at <time>', 'when it was detected; now by default'),
    async (ctx, _a, o) =>
      (await import('../../../services/incidents/open-by-hand.js')).openIncidentByHand({
        ctx,
        input: given({
          service: o.service,
          title: o.title,
          note: o.note,
          detectedAt: o.detectedAt,
        }),
      }),
    incidentDetail,
  );
  const note = coreCommand(
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
  return new Command('incidents')
    .description('incidents: list, open, acknowledge, mitigate, resolve')
    .addCommand(list)
    .addCommand(show)
    .addCommand(open)
    .addCommand(step(io, 'acknowledged', 'ack', 'an engineer is engaged (R-01)'))
    .addCommand(step(io, 'mitigated', 'mitigate', 'core functions are restored (R-02)'))
    .addCommand(step(io, 'resolved', 'resolve', 'fully recovered (R-03)'))
    .addCommand(note);
}
