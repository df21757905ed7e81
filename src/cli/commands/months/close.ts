import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand, given } from '../../core-command.js';
import { monthResult } from '../../formatters/terms.js';
import { month, reason } from './shared.js';

/** `surety months close 2026-10` (POST /months/{month}/close): the statement is issued. */
export function monthsCloseCommand(io: CliIo): Command {
  const cmd = new Command('close')
    .description(
      "issue a month's statement: its credits are computed a last time and stay as they are until it is reopened",
    )
    .argument('<month>', 'the month, like 2026-10', month)
    .option('--reason <text>', 'why, for the record ("statement issued" by default)', reason);
  return coreCommand(
    io,
    cmd,
    async (ctx, [m], o) => {
      const [{ closeMonth }, { availabilityCreditFacts }] = await Promise.all([
        import('../../../services/months/close.js'),
        import('../../../services/availability/credit-facts.js'),
      ]);
      return closeMonth({
        ctx,
        input: given({ month: m, reason: o.reason }),
        availability: availabilityCreditFacts(ctx.store, ctx.policy, ctx.time),
      });
    },
    monthResult,
  );
}
