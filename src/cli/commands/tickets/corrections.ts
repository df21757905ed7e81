import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { correctionsTable } from '../../formatters/corrections.js';
import { coreCommand } from '../../core-command.js';
import { ticketId } from './shared.js';

/** `surety tickets corrections TICKET`: who corrected the ticket's history, when, why, and what followed (GET /tickets/{id}/corrections). */
export function ticketsCorrectionsCommand(io: CliIo): Command {
  const cmd = new Command('corrections')
    .description(
      "the corrections of a ticket's history, oldest first: who, when, why, the breaches and credits that followed",
    )
    .argument('<ticket>', 'the ticket id', ticketId);
  return coreCommand(
    io,
    cmd,
    async (ctx, [ticket]) =>
      (await import('../../../services/tickets/list-corrections.js')).listTicketCorrections({
        ctx,
        input: { ticketId: Number(ticket) },
      }),
    correctionsTable,
  );
}
