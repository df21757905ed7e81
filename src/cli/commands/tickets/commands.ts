import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { ticketsCorrectCommand } from './correct.js';
import { ticketsCorrectionsCommand } from './corrections.js';

export function ticketsCommand(io: CliIo): Command {
  return new Command('tickets')
    .description('tickets: correct a recorded event, list the corrections')
    .addCommand(ticketsCorrectCommand(io))
    .addCommand(ticketsCorrectionsCommand(io));
}
