import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand } from '../../core-command.js';
import { monthResult } from '../../formatters/terms.js';
import { month, reason } from './shared.js';

/** `surety months reopen 2026-10 --reason …` (POST /months/{month}/reopen), as the admin "cli". */
export function monthsReopenCommand(io: CliIo): Command {
  const cmd = new Command('reopen')
    .description(
      'open a closed month again, with a reason (kept with who and when): its clocks are re-derived, and its credits at the next statement',
    )
    .argument('<month>', 'the month, like 2026-10', month)
    .requiredOption('--reason <text>', 'why the month is opened again', reason);
  return coreCommand(
    io,
    cmd,
    async (ctx, [m], o) =>
      (await import('../../../services/months/reopen.js')).reopenMonth({
        ctx,
        input: { month: m, reason: o.reason },
      }),
    monthResult,
  );
}
