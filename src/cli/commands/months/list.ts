import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand, given } from '../../core-command.js';
import { monthsTable } from '../../formatters/terms.js';
import { month } from './shared.js';

/** `surety months list`: every month, closed or open, and why (GET /months). */
export function monthsListCommand(io: CliIo): Command {
  const cmd = new Command('list')
    .description('months newest first: closed (no policy change re-derives them) or open, and why')
    .option('--from <YYYY-MM>', 'the first month (the oldest ticket’s by default)', month)
    .option('--to <YYYY-MM>', 'the last month (this one by default)', month);
  return coreCommand(
    io,
    cmd,
    async (ctx, _args, o) =>
      (await import('../../../services/months/list.js')).listMonths({
        ctx,
        input: given({ from: o.from, to: o.to }),
      }),
    monthsTable,
  );
}
