import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { runsTable, when } from '../../formatters/availability.js';
import { coreCommand } from '../../core-command.js';

export function stressTestsListCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('list').description('stress tests: passed, failed, missed or never run'),
    async (ctx) =>
      (await import('../../../services/checkups/list-stress-tests.js')).listStressTests({ ctx }),
    (r) =>
      runsTable(
        r.stressTests.map((t) => ({
          id: t.id,
          name: t.name,
          schedule: `${t.every} (${t.mode})`,
          status: t.status,
          last: when(t.lastRun?.startedAt),
          summary: String(t.lastRun?.report.summary ?? ''),
        })),
      ),
  );
}
