import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { assessmentsTable } from '../../formatters/assessments.js';
import { coreCommand, given } from '../../core-command.js';

/** `surety assessments list [--period 2026-Q4]`: GET /api/v1/assessments, newest first. */
export function assessmentsListCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('list')
      .description('the recorded third-party assessments, newest first')
      .option('--period <quarter>', 'one quarter, like 2026-Q4'),
    async (ctx, _a, o) =>
      (await import('../../../services/assessments/list.js')).listAssessments({
        ctx,
        input: given({ period: o.period }),
      }),
    assessmentsTable,
  );
}
