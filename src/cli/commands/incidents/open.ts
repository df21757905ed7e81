import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentDetail } from '../../formatters/availability.js';
import { coreCommand, given } from '../../core-command.js';

export function incidentsOpenCommand(io: CliIo): Command {
  return coreCommand(
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
}
