import { Command, Option } from 'commander';
import { PRIORITIES, TICKET_EVENT_TYPES, TICKET_KINDS } from '../../../domain/ticket.js';
import type { CliIo } from '../../io.js';
import { correctionResult } from '../../formatters/corrections.js';
import { coreCommand, given } from '../../core-command.js';
import { eventSeq, ticketId, wholeNumber } from './shared.js';

/**
 * `surety tickets correct TICKET SEQ`: the API's correction (POST /tickets/{id}/events/{seq}/correct)
 * run against the database, as the admin "cli" unless --by names the person. The credit months
 * it touches are recomputed with the availability stage's facts, as the server does.
 */
export function ticketsCorrectCommand(io: CliIo): Command {
  const cmd = new Command('correct')
    .description(
      'correct a recorded event of a ticket (or strike it with --remove): clocks, compliance and credits follow, with an audit entry',
    )
    .argument('<ticket>', 'the ticket id', ticketId)
    .argument('<seq>', 'the event number (seq) as the ticket shows it', eventSeq)
    .requiredOption('--reason <text>', 'why the recorded event was wrong, for the audit trail')
    .option('--at <time>', 'when it really happened (RFC 3339, like 2026-10-20T00:12:00Z)')
    .addOption(new Option('--type <type>', 'the event it really was').choices(TICKET_EVENT_TYPES))
    .addOption(
      new Option('--rating <n>', 'the rating it really gave (rated events, 1 to 5)').argParser(
        wholeNumber,
      ),
    )
    .addOption(
      new Option('--priority <priority>', 'the priority it really set (classified events)').choices(
        PRIORITIES,
      ),
    )
    .addOption(
      new Option('--kind <kind>', 'the kind it really set (classified events)').choices(
        TICKET_KINDS,
      ),
    )
    .option('--note <text>', "the event's note as it should read")
    .option('--actor <name>', 'who did what the event records')
    .option('--remove', 'the event never happened: strike it from the history')
    .option('--by <name>', 'who makes the correction, for the audit trail (cli by default)');
  return coreCommand(
    io,
    cmd,
    async (ctx, [ticket, seq], o) => {
      const [{ correctTicketEvent }, { availabilityCreditFacts }] = await Promise.all([
        import('../../../services/tickets/correct-event.js'),
        import('../../../services/availability/credit-facts.js'),
      ]);
      const body = given({
        reason: o.reason,
        by: o.by,
        at: o.at,
        type: o.type,
        rating: o.rating,
        priority: o.priority,
        kind: o.kind,
        note: o.note,
        actor: o.actor,
        remove: o.remove,
      });
      return correctTicketEvent({
        ctx,
        input: { ticketId: Number(ticket), seq: Number(seq), body },
        availability: availabilityCreditFacts(ctx.store, ctx.policy, ctx.time),
      });
    },
    correctionResult,
  );
}
