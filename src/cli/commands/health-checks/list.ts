import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { runsTable, when } from '../../formatters/availability.js';
import { coreCommand } from '../../core-command.js';

export function healthChecksListCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('list').description('health-check suites, their schedule and last report'),
    async (ctx) =>
      (await import('../../../services/checkups/list-health-checks.js')).listHealthChecks({ ctx }),
    (r) =>
      runsTable(
        r.suites.map((s) => ({
          id: s.id,
          name: s.name,
          schedule: `${s.at.join(', ')} ${r.timezone}`,
          status: s.last?.status ?? 'never run',
          last: when(s.last?.startedAt),
          summary: String(s.last?.report.summary ?? ''),
        })),
      ),
  );
}
