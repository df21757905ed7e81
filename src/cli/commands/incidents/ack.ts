import type { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentStepCommand } from './shared.js';

export function incidentsAckCommand(io: CliIo): Command {
  return incidentStepCommand(io, 'acknowledged', 'ack', 'an engineer is engaged (R-01)');
}
